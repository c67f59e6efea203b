package io.sluice.controller.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event as an encoder may write it: its message, the messages of its exception and
 * causes, its MDC and key-value pairs passed through {@code clean} (redaction, and for text lines
 * the escaping of control characters) before any encoder formats or escapes them. The arguments are
 * withheld: the formatted message already holds them, cleaned.
 */
final class RedactedEvent implements ILoggingEvent {
  private final ILoggingEvent event;
  private final UnaryOperator<String> clean;
  private final String message;

  RedactedEvent(ILoggingEvent event, UnaryOperator<String> clean) {
    this.event = event;
    this.clean = clean;
    this.message = clean.apply(event.getFormattedMessage());
  }

  @Override
  public String getMessage() {
    return message;
  }

  @Override
  public String getFormattedMessage() {
    return message;
  }

  @Override
  public Object[] getArgumentArray() {
    return null;
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    return Throwable.of(event.getThrowableProxy(), clean);
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc == null || mdc.isEmpty()) {
      return mdc;
    }
    Map<String, String> cleaned = new LinkedHashMap<>();
    mdc.forEach((k, v) -> cleaned.put(k, clean.apply(v)));
    return cleaned;
  }

  @Override
  @SuppressWarnings("deprecation")
  public Map<String, String> getMdc() {
    return getMDCPropertyMap();
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    return pairs == null
        ? null
        : pairs.stream()
            .map(
                p ->
                    new KeyValuePair(
                        p.key, p.value == null ? null : clean.apply(String.valueOf(p.value))))
            .toList();
  }

  @Override
  public String getThreadName() {
    return event.getThreadName();
  }

  @Override
  public Level getLevel() {
    return event.getLevel();
  }

  @Override
  public String getLoggerName() {
    return event.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return event.getLoggerContextVO();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return event.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return event.hasCallerData();
  }

  @Override
  public List<Marker> getMarkerList() {
    return event.getMarkerList();
  }

  @Override
  public long getTimeStamp() {
    return event.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return event.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return event.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return event.getSequenceNumber();
  }

  @Override
  public void prepareForDeferredProcessing() {
    event.prepareForDeferredProcessing();
  }

  /** An exception whose message, and its causes' and suppressed ones', are cleaned. */
  private record Throwable(IThrowableProxy proxy, UnaryOperator<String> clean)
      implements IThrowableProxy {
    static IThrowableProxy of(IThrowableProxy proxy, UnaryOperator<String> clean) {
      return proxy == null ? null : new Throwable(proxy, clean);
    }

    @Override
    public String getMessage() {
      return clean.apply(proxy.getMessage());
    }

    @Override
    public String getClassName() {
      return proxy.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return proxy.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return proxy.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      return of(proxy.getCause(), clean);
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] suppressed = proxy.getSuppressed();
      if (suppressed == null) {
        return null;
      }
      IThrowableProxy[] cleaned = new IThrowableProxy[suppressed.length];
      for (int i = 0; i < suppressed.length; i++) {
        cleaned[i] = of(suppressed[i], clean);
      }
      return cleaned;
    }

    @Override
    public boolean isCyclic() {
      return proxy.isCyclic();
    }
  }
}
