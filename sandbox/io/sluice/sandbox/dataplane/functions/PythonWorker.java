package io.sluice.sandbox.dataplane.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One warm Python process serving one function, one request at a time, over line-delimited JSON on
 * its stdin/stdout. Every method but {@link #kill()} blocks and must run off the event loop.
 */
final class PythonWorker {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final BufferedWriter toWorker;
  private final BufferedReader fromWorker;

  private PythonWorker(Process process) {
    this.process = process;
    this.toWorker =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.fromWorker =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts the process; it is not ready before {@link #awaitReady()} returns. */
  static PythonWorker spawn(String python, Path bootstrap, FunctionCode.Python code)
      throws IOException {
    Process process =
        new ProcessBuilder(
                List.of(
                    python,
                    "-u",
                    bootstrap.toString(),
                    code.folder().toAbsolutePath().toString(),
                    code.handler()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    return new PythonWorker(process);
  }

  /** Waits for the handler module to be imported: the cold start. */
  void awaitReady() throws IOException {
    JsonNode ready = readMessage();
    if (!ready.path("ready").asBoolean(false)) {
      throw new IOException("handler failed to load: " + ready.path("error").asText());
    }
  }

  /**
   * @param requestLine {@code {"event":…,"context":…}} on one line
   * @return the handler's return value as JSON
   * @throws FunctionError when the handler raised
   */
  String invoke(String requestLine) throws IOException {
    toWorker.write(requestLine);
    toWorker.write('\n');
    toWorker.flush();
    JsonNode answer = readMessage();
    if (!answer.path("ok").asBoolean(false)) {
      throw new FunctionError(answer.path("error").asText("handler failed"));
    }
    return JSON.writeValueAsString(answer.get("result"));
  }

  private JsonNode readMessage() throws IOException {
    String line = fromWorker.readLine();
    if (line == null) {
      throw new IOException("worker exited");
    }
    return JSON.readTree(line);
  }

  /** Kills at once; safe from any thread, also while another thread is blocked on the pipes. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Lets the worker exit on end of input, killing it after the grace period. */
  void close(Duration grace) {
    try {
      toWorker.close();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (IOException e) {
      kill();
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
  }

  /** The handler raised; the worker is still usable. */
  static final class FunctionError extends IOException {
    FunctionError(String message) {
      super(message);
    }
  }
}
