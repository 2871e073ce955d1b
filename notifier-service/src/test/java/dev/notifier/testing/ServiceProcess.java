package dev.notifier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service as operators run it: its built jar in a JVM of its own, with the deployed JVM
 * options, so that a test can kill it (SIGKILL, as a crash or the OOM killer would) or stop it
 * (SIGTERM, as a rolling restart would) and start it again.
 */
public final class ServiceProcess implements AutoCloseable {

  /** The defaults of deploy/bin/notifier and deploy/Dockerfile. */
  public static final String DEPLOYED_JVM_OPTIONS =
      "-Xms64m -Xmx144m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m"
          + " -Xss512k"
          + " -XX:+ExitOnOutOfMemoryError";

  private final Map<String, String> properties;
  private final String jvmOptions;
  private final Path log;
  private final int port;
  private Process process;

  /** {@code properties} as {@code --name=value} arguments; the HTTP port is chosen here. */
  public ServiceProcess(Map<String, String> properties, String jvmOptions, Path log) {
    this.port = BrokerProcess.Ports.free();
    this.properties = new LinkedHashMap<>(properties);
    this.properties.put("server.port", String.valueOf(port));
    this.jvmOptions = jvmOptions;
    this.log = log;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Starts the jar and waits until it reports itself healthy. */
  public ServiceProcess start() {
    List<String> command = new ArrayList<>();
    command.add(JavaProcesses.java());
    command.addAll(Arrays.asList(jvmOptions.split("\\s+")));
    command.add("-jar");
    command.add(JavaProcesses.serviceJar().getPath());
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    ProcessBuilder builder = new ProcessBuilder(command);
    // as deploy/bin/notifier and deploy/Dockerfile set it
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    try {
      process =
          builder
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitHealthy(Duration.ofSeconds(120));
    return this;
  }

  /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed. */
  public void kill() {
    process.destroyForcibly();
    waitGone();
  }

  /** SIGTERM: the graceful shutdown a rolling restart gives. */
  public void stop() {
    process.destroy();
    waitGone();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  private void waitGone() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the service was not healthy after " + timeout);
  }

  /** The service's own metrics, as Prometheus scrapes them. */
  public String scrape() {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (isAlive()) {
      kill();
    }
  }
}
