package dev.notifier;

import dev.notifier.testing.BrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The local run's broker: a Kafka in a process of its own, its data in {@code target/local-kafka},
 * so that the topics and the dead letters outlive the service (a crash of the service leaves the
 * broker running, and the next run finds it); on port 9092 when it is free. A clean stop of the
 * local run stops it too; its data stays for the next run.
 */
final class LocalKafka {

  private static final Path HOME = Path.of("target", "local-kafka").toAbsolutePath();
  private static final Path STATE = HOME.resolve("local-kafka.properties");

  private final ProcessHandle broker;
  private final String bootstrapServers;

  private LocalKafka(ProcessHandle broker, String bootstrapServers) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
  }

  /** The broker a previous run left running, or a new one on that run's data. */
  static LocalKafka startOrReuse() {
    Properties state = read();
    int port = Integer.parseInt(state.getProperty("port", "0"));
    long pid = Long.parseLong(state.getProperty("pid", "0"));
    ProcessHandle left = pid > 0 ? ProcessHandle.of(pid).orElse(null) : null;
    if (left != null && left.isAlive() && BrokerProcess.Ports.isOpen(port)) {
      return new LocalKafka(left, "127.0.0.1:" + port);
    }
    int controller = Integer.parseInt(state.getProperty("controllerPort", "0"));
    BrokerProcess broker =
        new BrokerProcess(
            HOME,
            BrokerProcess.Ports.preferring(port > 0 ? port : 9092),
            controller > 0
                ? BrokerProcess.Ports.preferring(controller)
                : BrokerProcess.Ports.free());
    broker.start();
    state.setProperty("port", String.valueOf(broker.port()));
    state.setProperty("controllerPort", String.valueOf(broker.controllerPort()));
    state.setProperty("pid", String.valueOf(broker.pid()));
    write(state);
    return new LocalKafka(ProcessHandle.of(broker.pid()).orElseThrow(), broker.bootstrapServers());
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker (SIGTERM, an orderly shutdown); its data stays for the next run. */
  void stop() {
    broker.destroy();
    broker.onExit().join();
  }

  private static Properties read() {
    Properties p = new Properties();
    if (Files.exists(STATE)) {
      try (var in = Files.newInputStream(STATE)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return p;
  }

  private static void write(Properties p) {
    try (var out = Files.newOutputStream(STATE)) {
      p.store(out, "the local run's broker");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
