package dev.notifier.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.pipeline.Examples;
import dev.notifier.testing.BrokerProcess;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.PostgresForTests;
import dev.notifier.testing.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Everything a fault needs to be injected into, each real and each killable on its own: a Kafka
 * broker in its own process, a database of its own on the PostgreSQL server, the service's jar in
 * as many processes as the test starts, and a recording receiver that counts, per target, which
 * alerts arrived and how often.
 */
final class ChaosRig implements AutoCloseable {

  private static final Pattern PROVIDER = Pattern.compile("\\(ID: (\\d+)\\)");

  final Path dir;
  final BrokerProcess broker;
  final PostgresForTests.Database database;
  final JdbcClient jdbc;
  final ChatStandIn receiver = new ChatStandIn();
  private final String prefix = "chaos" + UUID.randomUUID().toString().substring(0, 6);
  private final Map<String, String> targetsByPath = new ConcurrentHashMap<>();
  private final List<ServiceProcess> services = new ArrayList<>();
  private KafkaProducer<String, byte[]> producer;

  /**
   * How long a broker or database stays gone: {@code -Dchaos.outage}, 10 s in a build (long enough
   * for every client to fail and retry), 30 s or more in {@code -Pchaos-long}.
   */
  static Duration outage() {
    return Duration.parse(
        "PT" + System.getProperty("chaos.outage", "10s").toUpperCase(Locale.ROOT));
  }

  ChaosRig(String name) {
    dir = Path.of("target", "chaos", name + "-" + prefix).toAbsolutePath();
    broker = new BrokerProcess(dir.resolve("broker")).start();
    database = PostgresForTests.newDatabase();
    dev.notifier.testing.Migrations.migrate(database);
    DriverManagerDataSource ds = new DriverManagerDataSource(database.url());
    if (database.user() != null) {
      ds.setUsername(database.user());
      ds.setPassword(database.password() == null ? "" : database.password());
    }
    jdbc = JdbcClient.create(ds);
    jdbc.sql("UPDATE notification_settings SET enabled = TRUE, circuit_breaker_enabled = TRUE")
        .update();
  }

  /** A custom webhook on the recording receiver, bound to breaker alerts. */
  long webhook(String name) {
    return target(name, "webhook", receiver.url("/hook/" + name), "{}");
  }

  long target(String name, String channel, String url, String configJson) {
    long id =
        jdbc.sql(
                """
                INSERT INTO webhook_targets (name, channel, url, config)
                VALUES (:n, :c, :u, CAST(:config AS jsonb)) RETURNING id""")
            .param("n", name)
            .param("c", channel)
            .param("u", url)
            .param("config", configJson)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO notification_bindings (notification_type, target_id) VALUES ('circuit_breaker', :id)")
        .param("id", id)
        .update();
    String path = url.substring(url.indexOf("/", "http://".length()));
    targetsByPath.put(path.contains("?") ? path.substring(0, path.indexOf('?')) : path, name);
    return id;
  }

  /** Starts one more instance of the service, its log in this rig's directory. */
  ServiceProcess startService(Map<String, String> overrides) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
    p.put("spring.datasource.url", database.url());
    p.put("spring.datasource.username", database.user() == null ? "" : database.user());
    p.put("spring.datasource.password", database.password() == null ? "" : database.password());
    p.put("spring.datasource.hikari.connection-timeout", "2000");
    p.put("notifier.topics.events", prefix + ".notifier.events");
    p.put("notifier.topics.deliveries", prefix + ".notifier.deliveries");
    p.put("notifier.topics.partitions", "3");
    p.put("notifier.consumer-group-prefix", prefix);
    p.put("notifier.egress.allow-hosts", "127.0.0.1");
    p.put("notifier.secrets.key", dev.notifier.testing.TestWorld.SECRET_KEY);
    p.put("notifier.bindings.cache-ttl", "1s");
    // the production delays, shortened: in process 0.2, 0.4, 0.8 s; retry topics 5, 10, 20 s
    p.put("notifier.delivery.retry.initial-interval", "200ms");
    p.put("notifier.delivery.retry-topics.first-delay", "5s");
    p.put("spring.kafka.consumer.properties.metadata.max.age.ms", "2000");
    // A killed instance's partitions move once the group gives up on it: after Kafka's 45 s by
    // default, which made each SIGKILL test wait most of a minute for nothing but that timer.
    p.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
    p.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "2000");
    p.put("logging.level.root", "WARN");
    p.put("logging.level.dev.notifier", "INFO");
    p.putAll(overrides);
    ServiceProcess service =
        new ServiceProcess(
            p,
            ServiceProcess.DEPLOYED_JVM_OPTIONS,
            dir.resolve("service-" + (services.size() + 1) + ".log"));
    services.add(service);
    return service.start();
  }

  /** Providers {@code from}..{@code to} trip, each under its own key (spread over partitions). */
  void trip(int from, int to) {
    for (int i = from; i <= to; i++) {
      send("provider:" + i, Examples.breakerOpened(i).getBytes(StandardCharsets.UTF_8));
    }
    producer().flush();
  }

  void send(String key, byte[] value) {
    send(key, value, Map.of());
  }

  void send(String key, byte[] value, Map<String, String> headers) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(prefix + ".notifier.events", key, value);
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    producer().send(record);
  }

  /** The sum of a series' samples whose labels contain {@code labels}, from a running instance. */
  double scrapeSum(String series, String labels) {
    String scraped =
        services.stream().filter(ServiceProcess::isAlive).findFirst().orElseThrow().scrape();
    return scraped
        .lines()
        .filter(l -> l.startsWith(series + "{") && l.contains(labels))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  String eventsTopic() {
    return prefix + ".notifier.events";
  }

  /** Per target, how often each provider's alert arrived (accepted requests only). */
  Map<String, Map<Integer, Integer>> arrivals() {
    Map<String, Map<Integer, Integer>> seen = new TreeMap<>();
    targetsByPath.values().forEach(name -> seen.put(name, new TreeMap<>()));
    for (ChatStandIn.Request r : receiver.accepted()) {
      String name = targetsByPath.get(r.path());
      if (name == null) {
        continue;
      }
      Matcher m = PROVIDER.matcher(r.body());
      java.util.Set<Integer> inThisRequest = new java.util.TreeSet<>();
      while (m.find()) {
        inThisRequest.add(Integer.parseInt(m.group(1)));
      }
      inThisRequest.forEach(p -> seen.get(name).merge(p, 1, Integer::sum));
    }
    return seen;
  }

  /** What a fault cost: alerts that never arrived and alerts that arrived twice, per target. */
  record Count(int expected, int lost, int duplicates) {}

  Map<String, Count> count(int from, int to) {
    Map<String, Count> counts = new TreeMap<>();
    arrivals()
        .forEach(
            (target, byProvider) -> {
              int lost = 0;
              int duplicates = 0;
              for (int p = from; p <= to; p++) {
                int n = byProvider.getOrDefault(p, 0);
                lost += n == 0 ? 1 : 0;
                duplicates += Math.max(0, n - 1);
              }
              counts.put(target, new Count(to - from + 1, lost, duplicates));
            });
    return counts;
  }

  /** Every target got every alert 1..{@code alerts}, and none more than once too often. */
  void assertNoneLost(int alerts, int repeatsPerTarget) {
    count(1, alerts)
        .forEach(
            (target, count) -> {
              assertThat(count.lost()).as(target + " lost").isZero();
              assertThat(count.duplicates())
                  .as(target + " repeated")
                  .isLessThanOrEqualTo(repeatsPerTarget);
            });
  }

  boolean allArrived(int from, int to) {
    return count(from, to).values().stream().allMatch(c -> c.lost() == 0);
  }

  /** One line for the table in BENCHMARKS.md. */
  void report(String fault, int alerts, Duration delay) {
    Map<String, Count> counts = count(1, alerts);
    int lost = counts.values().stream().mapToInt(Count::lost).sum();
    int duplicates = counts.values().stream().mapToInt(Count::duplicates).sum();
    String line =
        String.format(
            "| %s | %d x %d targets | %d | %d | %.1f s |%n",
            fault, alerts, counts.size(), lost, duplicates, delay.toMillis() / 1000.0);
    try {
      Path table = Path.of("target", "chaos", "results.md");
      Files.createDirectories(table.getParent());
      Files.writeString(
          table,
          line,
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.print("CHAOS " + line);
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      // the upstream proxy keeps trying through a broker outage, as ours does
      props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
      producer = new KafkaProducer<>(props);
    }
    return producer;
  }

  @Override
  public void close() {
    services.forEach(ServiceProcess::close);
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    receiver.close();
    broker.close();
    database.drop();
  }
}
