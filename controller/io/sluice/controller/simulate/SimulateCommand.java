package io.sluice.controller.simulate;

import io.sluice.controller.config.BackendConfig;
import io.sluice.controller.config.ConfigException;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.policies.Backend;
import io.sluice.policies.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice simulate}: replays a timeline or synthetic faults through the real health verdicts
 * and policies of one configured service on a virtual clock, and prints what the policy did.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a timeline or synthetic faults through a service's health verdicts and policy on a"
          + " virtual clock; print every change, then a summary.",
      "",
      "Scenarios: outage:30s[@60s]  flap:4s/4s[@60s]  loss:0.2   (several may be combined)",
      "Timeline CSV: time,backend,value[,check[,vantage]] with value up, down, inconclusive or a"
          + " CVM load number"
    })
public final class SimulateCommand implements Callable<Integer> {
  static final Duration DEFAULT_LENGTH = Duration.ofMinutes(10);
  static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The config file.")
  Path configFile;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "The service to simulate (default: the first one).")
  String serviceName;

  @Option(names = "--timeline", paramLabel = "FILE.csv", description = "A CSV timeline to replay.")
  Path timeline;

  @Option(
      names = "--scenario",
      paramLabel = "SPEC",
      description = "A synthetic fault: outage:30s, flap:4s/4s, loss:0.2.")
  List<String> scenarios = List.of();

  @Option(
      names = "--target",
      paramLabel = "BACKEND",
      description = "The backend outages and flaps hit (default: the first route's home).")
  String target;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description =
          "Seed for random faults; the same seed replays exactly (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--duration",
      paramLabel = "D",
      description = "How long to simulate (default: 10m, or 10m past a timeline's last row).")
  String duration;

  @Option(
      names = "--step",
      defaultValue = "1s",
      paramLabel = "D",
      description = "How often the policy decides (default: ${DEFAULT-VALUE}).")
  String step;

  @Option(
      names = "--start",
      paramLabel = "TIME",
      description =
          "Calendar time at which the simulation starts, for diversion windows"
              + " (ISO-8601 with offset; default 2026-01-01T00:00Z).")
  String start;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description =
          "The time zone times print in, e.g. Asia/Shanghai or +08:00 (default: that of --start,"
              + " else of the service's diversion windows, else UTC).")
  String zoneOption;

  @Option(
      names = "--chart",
      paramLabel = "FILE",
      description = "Draw weights and health over time to an .svg or .png file.")
  Path chart;

  @Option(
      names = "--all",
      description = "Print every decision, not only those that change the split or the phase.")
  boolean all;

  @Option(names = "--quiet", description = "Print only the summary.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (timeline == null && scenarios.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give a --timeline or at least one --scenario");
    }
    SluiceConfig config;
    try {
      config = new ConfigLoader(System::getenv).load(configFile);
    } catch (IOException e) {
      return cannotRead(err, configFile, e);
    } catch (ConfigException e) {
      e.errors().forEach(err::println);
      err.flush();
      return 1;
    }
    ServiceConfig service = chooseService(config);
    SimulatedService simulated = SimulatedServices.of(config, service);
    Duration stepEvery = option("--step", step);
    Backend targetBackend =
        target == null ? simulated.routes().getFirst().settings().home() : backend(target);
    World world = World.ALL_UP;
    Duration length = DEFAULT_LENGTH;
    if (timeline != null) {
      TimelineWorld read;
      try (Reader r = Files.newBufferedReader(timeline)) {
        read = TimelineWorld.read(timeline.toString(), r);
      } catch (IOException e) {
        return cannotRead(err, timeline, e);
      } catch (TimelineWorld.TimelineException e) {
        e.errors().forEach(err::println);
        err.flush();
        return 1;
      }
      world = read;
      length = read.lastChange().plus(DEFAULT_LENGTH);
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (String s : scenarios) {
      world = scenario(s).applyTo(world, targetBackend, random);
    }
    if (duration != null) {
      length = option("--duration", duration);
    }
    OffsetDateTime startTime = start == null ? null : timestamp(start);
    Instant wallStart = startTime == null ? DEFAULT_START : startTime.toInstant();
    TimeZoneChoice zone = zone(startTime, service);
    DecisionPrinter printer =
        new DecisionPrinter(
            out,
            wallStart,
            zone.zone(),
            all,
            service.backends().scf().prewarm().map(BackendConfig.PrewarmConfig::waitFor));

    out.printf(
        "simulating %s from %s for %s, one decision every %s, vantage points %s%s%n",
        service.name(),
        printer.calendar(wallStart),
        Durations.format(length),
        Durations.format(stepEvery),
        simulated.vantagePoints(),
        (timeline != null ? ", timeline " + timeline : "")
            + (scenarios.isEmpty() ? "" : ", scenarios " + String.join(" ", scenarios))
            + ", seed "
            + seed);
    out.printf(
        "times: from the start, and on the clock in %s (%s); %s%n",
        zone.zone().equals(ZoneOffset.UTC) ? "UTC" : zone.zone(),
        zone.source(),
        DecisionPrinter.LEGEND);
    Map<String, List<Tick>> result =
        new Simulation(simulated, world, wallStart, stepEvery).run(length);
    for (SimulatedService.Route route : simulated.routes()) {
      List<Tick> ticks = result.get(route.name());
      if (!quiet) {
        printer.print(route.name(), ticks, simulated.routes().size() > 1);
      }
      out.println();
      out.print(
          SimulationSummary.of(route.name(), route.settings().home(), ticks, stepEvery).render());
      if (chart != null) {
        Path file = chartFile(route.name(), simulated.routes().size() > 1);
        try {
          SimulationChart.write(
              file,
              route.name().equals(service.name())
                  ? service.name()
                  : service.name() + " / " + route.name(),
              ticks);
        } catch (IOException e) {
          out.flush();
          err.println("sluice: cannot write " + file + ": " + e.getMessage());
          err.flush();
          return 1;
        }
        out.println("  chart: " + file);
      }
    }
    out.flush();
    return 0;
  }

  private Path chartFile(String route, boolean perRoute) {
    if (!perRoute) {
      return chart;
    }
    String name = chart.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String withRoute =
        dot < 0 ? name + "-" + route : name.substring(0, dot) + "-" + route + name.substring(dot);
    return chart.resolveSibling(withRoute);
  }

  private ServiceConfig chooseService(SluiceConfig config) {
    if (serviceName == null) {
      return config.services().getFirst();
    }
    return config
        .service(serviceName)
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--service: no service named '"
                        + serviceName
                        + "' in "
                        + configFile
                        + "; it has "
                        + config.services().stream().map(ServiceConfig::name).toList()));
  }

  /** A file that cannot be read: one line, exit 1, as for a config file. */
  private static int cannotRead(PrintWriter err, Path file, IOException e) {
    String reason =
        e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
    err.println("sluice: cannot read " + file + ": " + reason);
    err.flush();
    return 1;
  }

  /** The zone times print in, and where it comes from, for the header to say. */
  private record TimeZoneChoice(ZoneId zone, String source) {}

  /**
   * {@code --zone}; else the offset {@code --start} is written with; else that of the service's
   * first diversion window, the zone its config is written in; else UTC.
   */
  private TimeZoneChoice zone(OffsetDateTime startTime, ServiceConfig service) {
    if (zoneOption != null) {
      try {
        return new TimeZoneChoice(ZoneId.of(zoneOption), "--zone");
      } catch (java.time.DateTimeException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--zone: must be a zone such as Asia/Shanghai or +08:00, got '" + zoneOption + "'");
      }
    }
    if (startTime != null) {
      return new TimeZoneChoice(startTime.getOffset(), "the offset of --start");
    }
    return service
        .policy()
        .diversion()
        .flatMap(d -> d.windows().stream().findFirst())
        .map(w -> new TimeZoneChoice(w.from().getOffset(), "the offset of the config's windows"))
        .orElse(new TimeZoneChoice(ZoneOffset.UTC, "no --zone, --start or window gives another"));
  }

  private SyntheticScenario scenario(String text) {
    try {
      return SyntheticScenario.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--scenario: " + e.getMessage());
    }
  }

  private Duration option(String name, String text) {
    try {
      Duration d = Durations.parse(text);
      if (d.isZero()) {
        throw new IllegalArgumentException("must be more than zero, got '" + text + "'");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), name + ": " + e.getMessage());
    }
  }

  private Backend backend(String text) {
    try {
      return Backend.fromId(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--target: " + e.getMessage());
    }
  }

  private OffsetDateTime timestamp(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--start: must be an ISO-8601 time with an offset, like 2026-11-11T19:55+08:00, got '"
              + text
              + "'");
    }
  }
}
