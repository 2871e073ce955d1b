package dev.notifier.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, broker and controller in one) in a JVM of its own, from the Kafka
 * jars on the test class path, so that a test can stop it, kill it and start it again on the same
 * ports and the same data, as an operator's broker would go down and come back.
 */
public final class BrokerProcess implements AutoCloseable {

  private final Path home;
  private final int port;
  private final int controllerPort;
  private Process process;

  /** A new broker on free ports, its data in {@code home}. */
  public BrokerProcess(Path home) {
    this(home, Ports.free(), Ports.free());
  }

  /**
   * A broker on these ports whose data outlives it: formatted only the first time, so a restart
   * finds its topics, offsets and dead letters where it left them.
   */
  public BrokerProcess(Path home, int port, int controllerPort) {
    this.home = home;
    this.port = port;
    this.controllerPort = controllerPort;
    try {
      Files.createDirectories(home);
      Files.writeString(home.resolve("server.properties"), properties());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (Files.exists(home.resolve("data").resolve("meta.properties"))) {
      return;
    }
    run(
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            home.resolve("server.properties").toString()),
        "format.log",
        true);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public long pid() {
    return process.pid();
  }

  /** Starts the broker and waits until it takes connections. */
  public BrokerProcess start() {
    process =
        run(
            List.of("kafka.Kafka", home.resolve("server.properties").toString()),
            "broker.log",
            false);
    Ports.awaitOpen(port, Duration.ofSeconds(60), process);
    return this;
  }

  /** SIGKILL: the broker dies as in a crash or an OOM kill. */
  public void kill() {
    process.destroyForcibly();
    waitGone();
  }

  /** SIGTERM: the broker shuts down in an orderly way. */
  public void stop() {
    process.destroy();
    waitGone();
  }

  private void waitGone() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private String properties() {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + home.resolve("data"),
        "num.partitions=3",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "message.max.bytes=2097152",
        "");
  }

  private Process run(List<String> mainAndArgs, String log, boolean waitForExit) {
    List<String> command = new ArrayList<>();
    command.add(JavaProcesses.java());
    command.addAll(List.of("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC"));
    command.add("-Dlog4j2.configurationFile=" + writeLogConfig());
    command.add("-cp");
    command.add(JavaProcesses.testClassPath());
    command.addAll(mainAndArgs);
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve(log).toFile()))
              .start();
      if (waitForExit && p.waitFor() != 0) {
        throw new IllegalStateException(
            "kafka " + mainAndArgs.getFirst() + " failed: " + Files.readString(home.resolve(log)));
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String writeLogConfig() {
    File config = home.resolve("log4j2.properties").toFile();
    try {
      Files.writeString(
          config.toPath(),
          String.join(
              "\n",
              "rootLogger.level=WARN",
              "rootLogger.appenderRef.out.ref=out",
              "appender.out.type=Console",
              "appender.out.name=out",
              "appender.out.layout.type=PatternLayout",
              "appender.out.layout.pattern=%d %p %c{1}: %m%n",
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config.getAbsolutePath();
  }

  /** Free ports on loopback, and waiting for one to open. */
  public static final class Ports {

    private Ports() {}

    /** {@code preferred} when nothing listens there, else any free port. */
    public static int preferring(int preferred) {
      try (ServerSocket s =
          new ServerSocket(preferred, 1, java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException taken) {
        return free();
      }
    }

    public static int free() {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Whether something takes connections on the port. */
    public static boolean isOpen(int port) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    static void awaitOpen(int port, Duration timeout, Process owner) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!owner.isAlive()) {
          throw new IllegalStateException("the process exited with " + owner.exitValue());
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 500);
          return;
        } catch (IOException notYet) {
          sleep(200);
        }
      }
      throw new IllegalStateException("nothing listens on " + port + " after " + timeout);
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
