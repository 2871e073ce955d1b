package dev.notifier.bench;

import dev.notifier.testing.BrokerProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Alertmanager 0.25 on the same machine and the same sink, as the yardstick the issue names: one
 * notification per alert (every label a grouping key, group_wait 0) to a webhook receiver.
 * Installed with apt when missing and this runs as root; skipped, with the reason, otherwise.
 */
final class Alertmanager {

  private static final List<String> NAMES = List.of("prometheus-alertmanager", "alertmanager");

  /** {@code perSecond}: notifications the sink received per second, first to last. */
  record Result(int alerts, double perSecond, long peakRssKb) {}

  private Alertmanager() {}

  /** The binary, installing the Debian package first when it is missing and we may. */
  static Optional<Path> binary() throws IOException, InterruptedException {
    Optional<Path> found = onPath();
    if (found.isPresent() || !"root".equals(System.getProperty("user.name"))) {
      return found;
    }
    System.out.println("installing prometheus-alertmanager (apt) for the comparison");
    int rc =
        new ProcessBuilder(
                "sh",
                "-c",
                "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq"
                    + " --no-install-recommends prometheus-alertmanager"
                    + " && (systemctl stop prometheus-alertmanager 2>/dev/null;"
                    // anchored: unanchored, the pattern matches this shell's own command line,
                    // and pkill ends the install's shell with it
                    + " pkill -f '^/usr/bin/prometheus-alertmanager'; true)")
            .inheritIO()
            .start()
            .waitFor();
    return rc == 0 ? onPath() : Optional.empty();
  }

  private static Optional<Path> onPath() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Posts {@code alerts} distinct alerts and waits until the sink has a notification for each. */
  static Result run(Path binary, Sink sink, int alerts) throws Exception {
    Path dir = Files.createTempDirectory("bench-alertmanager");
    int port = BrokerProcess.Ports.free();
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(
        config,
        """
        route:
          receiver: sink
          group_by: ['...']
          group_wait: 0s
          group_interval: 5m
          repeat_interval: 4h
        receivers:
          - name: sink
            webhook_configs:
              - url: %s
                send_resolved: false
        """
            .formatted(sink.url("/alertmanager")));
    Process am =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      waitReady(http, base, am);
      sink.reset();
      Instant now = Instant.now();
      int batch = 500;
      for (int from = 0; from < alerts; from += batch) {
        StringBuilder body = new StringBuilder("[");
        for (int i = from; i < Math.min(alerts, from + batch); i++) {
          if (i > from) {
            body.append(',');
          }
          body.append(
              """
              {"labels":{"alertname":"ProviderCircuitOpen","provider":"provider-%d"},\
              "annotations":{"summary":"circuit breaker opened for provider %d"},\
              "startsAt":"%s","endsAt":"%s"}"""
                  .formatted(i, i, now, now.plus(Duration.ofHours(1))));
        }
        body.append(']');
        HttpResponse<String> reply =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
          throw new IllegalStateException(
              "Alertmanager refused alerts: " + reply.statusCode() + " " + reply.body());
        }
      }
      long peak = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (sink.count() < alerts) {
        if (System.nanoTime() > deadline || !am.isAlive()) {
          throw new IllegalStateException(
              "Alertmanager sent "
                  + sink.count()
                  + " of "
                  + alerts
                  + " notifications (log: "
                  + dir
                  + "/alertmanager.log)");
        }
        peak = Math.max(peak, Benchmark.status(am.pid(), "VmRSS:"));
        Thread.sleep(50);
      }
      double perSecond = sink.count() / ((sink.lastNanos() - sink.firstNanos()) / 1e9);
      peak = Math.max(peak, Benchmark.status(am.pid(), "VmHWM:"));
      return new Result(alerts, perSecond, peak);
    } finally {
      am.destroy();
      if (!am.waitFor(10, TimeUnit.SECONDS)) {
        am.destroyForcibly();
      }
    }
  }

  private static void waitReady(HttpClient http, String base, Process am) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline || !am.isAlive()) {
        throw new IllegalStateException("Alertmanager did not start");
      }
      Thread.sleep(100);
    }
  }
}
