package io.sluice.sandbox.dataplane.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulated SCF runtime: invokes a function with an event and a timeout without blocking the
 * event loop. Built-ins answer in-process; Python code runs in warm worker processes, one pool per
 * code folder and handler, whose pipe I/O happens on a dedicated worker executor. A timed-out
 * worker is killed, like SCF kills the instance.
 */
public final class FunctionInvoker {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOOTSTRAP_RESOURCE = "scf_bootstrap.py";
  private static final String MALFORMED_OUTPUT = "{\"statusCode\": 200, \"body\": ";

  private final Vertx vertx;
  private final FunctionRuntimeSettings settings;
  private final WorkerExecutor executor;
  private final Path bootstrap;
  private final Map<FunctionCode.Python, PythonWorkerPool> pools = new ConcurrentHashMap<>();

  public FunctionInvoker(Vertx vertx, FunctionRuntimeSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.executor =
        vertx.createSharedWorkerExecutor(
            "sluice-sandbox-functions-" + UUID.randomUUID(), settings.invocationThreads());
    this.bootstrap = extractBootstrap();
  }

  /** Invokes with the function's own timeout. */
  public Future<InvocationResult> invoke(FunctionSpec function, String eventJson) {
    return invoke(function, eventJson, function.timeout());
  }

  public Future<InvocationResult> invoke(
      FunctionSpec function, String eventJson, Duration timeout) {
    long started = System.nanoTime();
    return switch (function.fault()) {
      case FAIL ->
          Future.succeededFuture(new InvocationResult.Failed("injected failure", since(started)));
      case TIME_OUT -> timeOutAfter(timeout, started);
      case MALFORMED_OUTPUT ->
          Future.succeededFuture(
              new InvocationResult.Returned(MALFORMED_OUTPUT, since(started), false));
      case NONE -> run(function, eventJson, timeout, started);
    };
  }

  /** Stops every worker process and deletes the extracted bootstrap. */
  public Future<Void> close() {
    return vertx
        .<Void>executeBlocking(
            () -> {
              pools.values().forEach(pool -> pool.close(settings.shutdownGrace()));
              pools.clear();
              Files.deleteIfExists(bootstrap);
              return null;
            },
            false)
        .compose(v -> executor.close());
  }

  private Future<InvocationResult> run(
      FunctionSpec function, String eventJson, Duration timeout, long started) {
    return switch (function.code()) {
      case FunctionCode.StaticResponse fixed ->
          Future.succeededFuture(
              new InvocationResult.Returned(fixed.resultJson(), since(started), false));
      case FunctionCode.Echo echo -> {
        try {
          yield Future.succeededFuture(
              new InvocationResult.Returned(EchoFunction.answer(eventJson), since(started), false));
        } catch (IOException e) {
          yield Future.succeededFuture(new InvocationResult.Failed(e.getMessage(), since(started)));
        }
      }
      case FunctionCode.Python python -> runPython(function, python, eventJson, timeout, started);
    };
  }

  private Future<InvocationResult> runPython(
      FunctionSpec function,
      FunctionCode.Python code,
      String eventJson,
      Duration timeout,
      long started) {
    PythonWorkerPool pool =
        pools.computeIfAbsent(
            code,
            c ->
                new PythonWorkerPool(
                    settings.pythonCommand(), bootstrap, c, settings.maxWorkersPerFunction()));
    AtomicReference<PythonWorker> current = new AtomicReference<>();
    AtomicBoolean timedOut = new AtomicBoolean();
    long timer =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            id -> {
              timedOut.set(true);
              PythonWorker worker = current.get();
              if (worker != null) {
                worker.kill();
              }
            });
    return executor
        .<InvocationResult>executeBlocking(
            () -> {
              PythonWorkerPool.Lease lease;
              try {
                lease = pool.acquire(timeout.toMillis(), current::set);
              } catch (IOException e) {
                return failure(timedOut, e, started);
              }
              try {
                String result = lease.worker().invoke(request(function, eventJson, timeout));
                pool.release(lease.worker());
                return new InvocationResult.Returned(result, since(started), lease.coldStart());
              } catch (PythonWorker.FunctionError e) {
                pool.release(lease.worker());
                return new InvocationResult.Failed(e.getMessage(), since(started));
              } catch (IOException e) {
                pool.discard(lease.worker());
                return failure(timedOut, e, started);
              }
            },
            false)
        .onComplete(done -> vertx.cancelTimer(timer));
  }

  private static InvocationResult failure(AtomicBoolean timedOut, IOException e, long started) {
    return timedOut.get()
        ? new InvocationResult.TimedOut(since(started))
        : new InvocationResult.Failed(e.getMessage(), since(started));
  }

  private Future<InvocationResult> timeOutAfter(Duration timeout, long started) {
    Promise<InvocationResult> promise = Promise.promise();
    vertx.setTimer(
        Math.max(1, timeout.toMillis()),
        id -> promise.complete(new InvocationResult.TimedOut(since(started))));
    return promise.future();
  }

  private static String request(FunctionSpec function, String eventJson, Duration timeout)
      throws IOException {
    ObjectNode request = JSON.createObjectNode();
    request.set("event", JSON.readTree(eventJson));
    ObjectNode context = request.putObject("context");
    context.put("request_id", UUID.randomUUID().toString());
    context.put("namespace", function.ref().namespace());
    context.put("function_name", function.ref().name());
    context.put("function_version", function.ref().qualifier());
    context.put("time_limit_in_ms", timeout.toMillis());
    return JSON.writeValueAsString(request);
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private static Path extractBootstrap() {
    try (InputStream in = FunctionInvoker.class.getResourceAsStream(BOOTSTRAP_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BOOTSTRAP_RESOURCE);
      }
      // the process id in the name traces a leftover file to the process that made it
      Path file =
          Files.createTempFile(
              "sluice-scf-bootstrap-" + ProcessHandle.current().pid() + "-", ".py");
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
