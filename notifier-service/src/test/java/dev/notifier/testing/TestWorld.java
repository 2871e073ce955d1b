package dev.notifier.testing;

import dev.notifier.NotifierApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One isolated world for a test: its own database and its own topic and group names on the shared
 * broker, and as many notifier instances in it as the test starts. Closing it stops them.
 */
public final class TestWorld implements AutoCloseable {

  private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
  private final PostgresForTests.Database database;
  private final String bootstrapServers;

  /** The key every test service seals target secrets under (base64 of 32 bytes). */
  public static final String SECRET_KEY = "dGVzdC1zZWNyZXQta2V5LTMyLWJ5dGVzLWxvbmctISE=";

  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  // the one clock of every instance in this world, and of the stamps its helpers write
  private final TestClock clock = new TestClock();
  private final Map<String, Object> baseProperties = new HashMap<>();
  private KafkaProducer<String, byte[]> producer;
  private JdbcClient jdbc;

  /** A world on the shared broker, with a new database on the shared server. */
  public TestWorld() {
    this(KafkaForTests.bootstrapServers(), PostgresForTests.newDatabase());
  }

  /**
   * A world on the shared broker whose new database an older release migrated, to {@code version}.
   */
  public static TestWorld migratedTo(String version) {
    return new TestWorld(KafkaForTests.bootstrapServers(), PostgresForTests.newDatabase(), version);
  }

  /** A world on the given broker and (empty) database. */
  public TestWorld(String bootstrapServers, PostgresForTests.Database database) {
    this(bootstrapServers, database, "latest");
  }

  private TestWorld(String bootstrapServers, PostgresForTests.Database database, String migrateTo) {
    this.bootstrapServers = bootstrapServers;
    this.database = database;
    // Migrate up front so tests can configure bindings before the first instance starts.
    Migrations.migrate(database, migrateTo);
    baseProperties.put("spring.datasource.url", database.url());
    if (database.user() != null) {
      baseProperties.put("spring.datasource.username", database.user());
      baseProperties.put(
          "spring.datasource.password", database.password() == null ? "" : database.password());
    }
    baseProperties.put("spring.kafka.bootstrap-servers", bootstrapServers);
    baseProperties.put("notifier.topics.events", eventsTopic());
    baseProperties.put("notifier.topics.deliveries", deliveriesTopic());
    baseProperties.put("notifier.topics.partitions", "3");
    baseProperties.put("notifier.consumer-group-prefix", prefix);
    baseProperties.put("server.port", "0");
    // Platform stand-ins listen on this machine, which the SSRF guard refuses unless told.
    baseProperties.put("notifier.egress.allow-hosts", "127.0.0.1");
    baseProperties.put("notifier.secrets.key", SECRET_KEY);
    // Fast clocks: the production delays are seconds and minutes.
    baseProperties.put("notifier.delivery.retry.initial-interval", "50ms");
    baseProperties.put("notifier.delivery.retry-topics.first-delay", "400ms");
    baseProperties.put("notifier.bindings.cache-ttl", "200ms");
    baseProperties.put("spring.kafka.consumer.properties.metadata.max.age.ms", "1000");
    baseProperties.put("spring.kafka.consumer.properties.fetch.max.wait.ms", "50");
    baseProperties.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
    // Test JVMs run side by side against one PostgreSQL: an instance opens connections as it needs
    // them (up to its 10) rather than holding ten idle from the start.
    baseProperties.put("spring.datasource.hikari.minimum-idle", "1");
  }

  /** Starts one notifier instance in this world, with these properties on top of the world's. */
  public ConfigurableApplicationContext start(Map<String, Object> overrides) {
    return start(overrides, List.of());
  }

  /** As {@link #start(Map)}, with initializers that run before the context is refreshed. */
  public ConfigurableApplicationContext start(
      Map<String, Object> overrides,
      List<
              org.springframework.context.ApplicationContextInitializer<
                  ConfigurableApplicationContext>>
          initializers) {
    Map<String, Object> properties = new HashMap<>(baseProperties);
    properties.putAll(overrides);
    // As command-line arguments: they outrank application.yml, which default properties would not.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    List<org.springframework.context.ApplicationContextInitializer<ConfigurableApplicationContext>>
        all = new ArrayList<>(initializers);
    all.add(clock.installer());
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(NotifierApplication.class)
            .initializers(
                all.toArray(org.springframework.context.ApplicationContextInitializer[]::new))
            .run(args);
    instances.add(context);
    return context;
  }

  public ConfigurableApplicationContext start() {
    return start(Map.of());
  }

  /** The clock every instance of this world reads: real time until the test sets it. */
  public TestClock clock() {
    return clock;
  }

  /** This world's database, as the notifier reaches it. */
  public PostgresForTests.Database database() {
    return database;
  }

  public String eventsTopic() {
    return prefix + ".notifier.events";
  }

  public String deliveriesTopic() {
    return prefix + ".notifier.deliveries";
  }

  public JdbcClient jdbc() {
    if (jdbc == null) {
      jdbc = JdbcClient.create(dataSource());
    }
    return jdbc;
  }

  /** A fresh connection per use: fine for set-up and assertions, and for racing transactions. */
  public DataSource dataSource() {
    DriverManagerDataSource ds = new DriverManagerDataSource(database.url());
    if (database.user() != null) {
      ds.setUsername(database.user());
      ds.setPassword(database.password() == null ? "" : database.password());
    }
    return ds;
  }

  /** Switches notifications on and binds a new target to the given types; returns the target id. */
  public long bindTarget(String name, String channel, String url, String... types) {
    jdbc()
        .sql(
            "UPDATE notification_settings SET enabled = TRUE, circuit_breaker_enabled = TRUE, cost_alert_enabled = TRUE")
        .update();
    long id = insertTarget(name, channel, url);
    for (String type : types) {
      insertBinding(type, id, null);
    }
    return id;
  }

  /**
   * A new target bound to one scheduled type in a zone of its own (null: the settings' zone), made
   * now on the world's clock; returns the binding's id. The switches are left as they are.
   */
  public long bindInZone(
      String name, String channel, String url, String type, @Nullable String zone) {
    return insertBinding(type, insertTarget(name, channel, url), zone);
  }

  private long insertTarget(String name, String channel, String url) {
    return jdbc()
        .sql("INSERT INTO webhook_targets (name, channel, url) VALUES (:n, :c, :u) RETURNING id")
        .param("n", name)
        .param("c", channel)
        .param("u", url)
        .query(Long.class)
        .single();
  }

  /** A binding made now on the world's clock, as the service would stamp it; returns its id. */
  private long insertBinding(String type, long targetId, @Nullable String zone) {
    return jdbc()
        .sql(
            "INSERT INTO notification_bindings (notification_type, target_id, schedule_timezone,"
                + " created_at) VALUES (:type, :t, :z, :now) RETURNING id")
        .param("type", type)
        .param("t", targetId)
        .param("z", zone)
        .param("now", now())
        .query(Long.class)
        .single();
  }

  /**
   * Switches breaker alerts on and binds every target there is (saved through the API, say) to
   * them. The service sees it once its binding cache has expired (200 ms here).
   */
  public void bindEveryTargetToBreakerAlerts() {
    jdbc()
        .sql("UPDATE notification_settings SET enabled = TRUE, circuit_breaker_enabled = TRUE")
        .update();
    jdbc()
        .sql(
            "INSERT INTO notification_bindings (notification_type, target_id, created_at)"
                + " SELECT 'circuit_breaker', id, :now FROM webhook_targets"
                + " ON CONFLICT (notification_type, target_id) DO NOTHING")
        .param("now", now())
        .update();
  }

  /** The world's clock's now, as a parameter for the stamps a test writes with SQL. */
  public java.time.OffsetDateTime now() {
    return java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }

  public void publish(String topic, String key, byte[] value) {
    publish(new ProducerRecord<>(topic, key, value));
  }

  public void publish(ProducerRecord<String, byte[]> record) {
    try {
      producer().send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("publish failed", e);
    }
  }

  /** Sends them all, then waits until the broker has every one. */
  public void publishAll(List<ProducerRecord<String, byte[]>> records) {
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>(records.size());
    records.forEach(r -> sent.add(producer().send(r)));
    producer().flush();
    for (java.util.concurrent.Future<?> f : sent) {
      try {
        f.get();
      } catch (Exception e) {
        throw new IllegalStateException("publish failed", e);
      }
    }
  }

  public void publishEvent(String key, String json) {
    publish(eventsTopic(), key, json.getBytes(StandardCharsets.UTF_8));
  }

  /** Everything on a topic right now, from the beginning. */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (partitions == null || partitions.isEmpty()) {
        return records;
      }
      List<TopicPartition> tps =
          partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps);
      long deadline = System.currentTimeMillis() + 10_000;
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
      // Not idempotent: the embedded broker, once in a while, answered a batch of this producer
      // with OUT_OF_ORDER_SEQUENCE_NUMBER (its sequence for the partition reset to 0 while the
      // broker remembered 35) and went on refusing it until the batch expired after two minutes
      // (CacheHitAlertTest, 2026-12-07). One request in flight keeps the order; a retried batch
      // may arrive twice, which the notifier dedupes as it would any redelivered event.
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
      producer = new KafkaProducer<>(props);
    }
    return producer;
  }

  @Override
  public void close() {
    instances.forEach(ConfigurableApplicationContext::close);
    if (producer != null) {
      producer.close();
    }
    // each test's database goes with it: a suite leaves nothing behind on the server
    database.drop();
  }
}
