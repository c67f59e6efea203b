package io.sluice.controller.cli;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.provider.CvmRoleCredential;
import io.sluice.cloud.ClientSettings;
import io.sluice.controller.config.ApiExposure;
import io.sluice.controller.config.CheckedConfig;
import io.sluice.controller.config.ConfigException;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.ControllerConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.daemon.CloudActuators;
import io.sluice.controller.daemon.CloudCredentials;
import io.sluice.controller.daemon.Daemon;
import io.sluice.controller.daemon.DaemonOptions;
import io.sluice.controller.daemon.EmbeddedCloud;
import io.sluice.controller.daemon.ListenAddress;
import io.sluice.controller.daemon.ReplicaSettings;
import io.sluice.controller.log.Redaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the daemon for {@code sluice run} and {@code sluice demo}: the embedded sandbox when asked
 * for, the config (with the sandbox's VIP ports in its environment; its warnings logged at WARN),
 * the credentials, then serves until {@code stop} is released (by a test, or by the shutdown hook
 * on Ctrl-C).
 */
final class DaemonLaunch {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonLaunch.class);

  private DaemonLaunch() {}

  /**
   * What {@code run} and {@code demo} share: the config, the sandbox, the mode.
   *
   * @param endpoint the cloud API's HOST:PORT over plain HTTP (a sandbox in another process)
   * @param variables environment variables the config may use besides the process's own (the demo's
   *     token hash)
   * @param replica this replica's name in its group ({@code --replica}), over the config's
   */
  record Request(
      Path config,
      Optional<Path> sandboxScenario,
      Optional<String> endpoint,
      boolean dryRun,
      Optional<String> listen,
      Optional<Path> stateDir,
      Map<String, String> variables,
      Optional<String> replica) {
    Request {
      variables = Map.copyOf(variables);
    }
  }

  /**
   * @param started called once everything serves, with the daemon and the sandbox if any
   * @return the exit code
   */
  static int run(
      Request request,
      PrintWriter err,
      CountDownLatch stop,
      BiConsumer<Daemon, Optional<EmbeddedCloud>> started) {
    EmbeddedCloud cloud = null;
    CountDownLatch closed = new CountDownLatch(1);
    Daemon daemon = null;
    try {
      if (request.sandboxScenario().isPresent()) {
        cloud = EmbeddedCloud.start(request.sandboxScenario().get());
      }
      daemon = start(request, Optional.ofNullable(cloud));
      started.accept(daemon, Optional.ofNullable(cloud));
      Serving.until(stop, closed, "sluice-shutdown");
      return 0;
    } catch (Refused e) {
      return fail(err, e.getMessage());
    } catch (NoSuchFileException e) {
      return fail(err, "cannot read " + e.getFile() + ": no such file");
    } catch (ConfigException e) {
      e.errors().forEach(err::println);
      err.flush();
      return 1;
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      return fail(err, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      if (daemon != null) {
        daemon.close();
      }
      if (cloud != null) {
        cloud.close();
      }
      closed.countDown();
    }
  }

  /** A request that cannot run as asked; the message says why and what to do. */
  private static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * Reads the request's config and starts its daemon, on {@code cloud} when given.
   *
   * @throws Refused when the request contradicts itself or its config
   */
  private static Daemon start(Request request, Optional<EmbeddedCloud> cloud)
      throws IOException, ConfigException, Refused {
    Function<String, String> process =
        name -> request.variables().getOrDefault(name, System.getenv(name));
    Function<String, String> env = cloud.map(c -> c.env(process)).orElse(process);
    CheckedConfig checked = new ConfigLoader(env).read(request.config());
    checked.warnings().forEach(warning -> LOG.warn("{}", warning.located()));
    SluiceConfig config = checked.config();
    ControllerConfig controller = config.controller();
    ListenAddress asked =
        request
            .listen()
            .map(ListenAddress::parse)
            .orElse(ListenAddress.of(controller.api().listen()));
    // a replica tells the others where its API is before it listens: port 0 becomes a real one
    ListenAddress listen =
        controller.ha().isPresent() && asked.port() == 0
            ? new ListenAddress(asked.host(), FreePort.on(asked.host()))
            : asked;
    // the address in force, after --listen, meets the rules api.listen is validated by
    List<String> refusals = ApiExposure.refusals(controller.api(), listen.host());
    if (!refusals.isEmpty()) {
      throw new Refused(
          (request.listen().isPresent() ? "--listen " : "controller.api.listen ")
              + listen.host()
              + ":"
              + listen.port()
              + ": "
              + String.join("; ", refusals));
    }
    boolean sandboxCredentials =
        controller.credentials().source() == ControllerConfig.CredentialSource.SANDBOX;
    if (request.endpoint().isPresent() && cloud.isPresent()) {
      throw new Refused("--endpoint and --sandbox both say where the cloud is: give one");
    }
    if (cloud.isEmpty() && sandboxCredentials) {
      throw new Refused(
          request.config()
              + ": controller.credentials.source is sandbox: add --sandbox SCENARIO, or run"
              + " `sluice demo`");
    }
    Credential credential =
        cloud.isPresent()
            ? cloud.get().credential()
            : CloudCredentials.from(controller.credentials());
    rememberSecrets(credential);
    ClientSettings clients =
        cloud
            .map(EmbeddedCloud::clientSettings)
            .orElseGet(
                () ->
                    request
                        .endpoint()
                        .map(endpoint -> ClientSettings.sandbox(controller.region(), endpoint))
                        .orElseGet(() -> ClientSettings.cloud(controller.region())));
    DaemonOptions options =
        new DaemonOptions(
            clients,
            request.stateDir().orElse(Path.of(controller.stateDir())),
            listen,
            DaemonOptions.DEFAULT_TICK,
            request.dryRun(),
            System::nanoTime,
            Clock.systemUTC());
    if (controller.ha().isPresent()) {
      options =
          options.withHa(
              ReplicaSettings.of(
                  controller.ha().get(),
                  request.replica(),
                  controller.vantagePoints(),
                  InetAddress.getLocalHost().getHostName(),
                  controller.api().tls().isPresent() ? "https" : "http",
                  listen.host(),
                  listen.port()));
    } else if (request.replica().isPresent()) {
      throw new Refused("--replica: only with controller.ha, which " + request.config() + " lacks");
    }
    return Daemon.start(config, credential, options, CloudActuators.builder());
  }

  /**
   * Masks the credential's own text in every log line from now on, whatever its shape. A CVM role's
   * keys are fetched and rotated by the SDK (asking for them here would call the metadata service);
   * they are masked by their shape.
   */
  private static void rememberSecrets(Credential credential) {
    if (!(credential instanceof CvmRoleCredential)) {
      Redaction.remember(
          credential.getSecretId(), credential.getSecretKey(), credential.getToken());
    }
  }

  private static int fail(PrintWriter err, String message) {
    err.println("sluice: " + message);
    err.flush();
    return 1;
  }
}
