package dev.notifier.bench;

import dev.notifier.testing.KafkaForTests;
import dev.notifier.testing.PostgresForTests;
import dev.notifier.testing.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The benchmark behind BENCHMARKS.md: {@code mvn -B -ntp -Pbench package}. One run starts a real
 * broker (embedded unless {@code KAFKA_BOOTSTRAP_SERVERS} is set), a fresh PostgreSQL database, an
 * HTTP sink shaped like WeCom, and the service's own jar in a child JVM; then measures sustained
 * deliveries/s (delivery log on), publish-to-arrival latency at a fixed 100 events/s, the service's
 * peak RSS, and the raw ceilings of a bare Kafka consumer and a bare HTTP client on the same
 * machine. Everything shares the machine's cores, as in production next to a proxy.
 */
public final class Benchmark {

  private static final int TARGETS = intEnv("BENCH_TARGETS", 10);
  private static final int WARMUP_EVENTS = intEnv("BENCH_WARMUP_EVENTS", 3_000);
  private static final int BURST_EVENTS = intEnv("BENCH_BURST_EVENTS", 6_000);
  private static final int RATE = 100;
  private static final int LATENCY_SECONDS = intEnv("BENCH_LATENCY_SECONDS", 20);
  private static final int USAGE_EVENTS = intEnv("BENCH_USAGE_EVENTS", 400_000);
  private static final int USAGE_WARMUP = intEnv("BENCH_USAGE_WARMUP", 100_000);

  /** "usage" runs only the usage-ingestion phase; anything else runs every phase. */
  private static final String ONLY = env("BENCH_ONLY", "all");

  private static final String JAVA_OPTS =
      env("BENCH_JAVA_OPTS", ServiceProcess.DEPLOYED_JVM_OPTIONS);

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
    String bootstrap = KafkaForTests.bootstrapServers();
    PostgresForTests.Database db = PostgresForTests.newDatabase();
    dev.notifier.testing.Migrations.migrate(db);
    DriverManagerDataSource ds = new DriverManagerDataSource(db.url());
    if (db.user() != null) {
      ds.setUsername(db.user());
      ds.setPassword(db.password() == null ? "" : db.password());
    }
    JdbcClient jdbc = JdbcClient.create(ds);

    if (!ONLY.equals("usage")) {
      deliveries(prefix, bootstrap, db, jdbc);
    }
    UsageBenchmark.Result usage =
        UsageBenchmark.run(
            prefix,
            bootstrap,
            db,
            jdbc,
            serviceProperties(prefix, bootstrap, db),
            JAVA_OPTS,
            USAGE_WARMUP,
            USAGE_EVENTS);
    String usageReport =
        String.format(
            """
              usage ingestion (exactly-once roll-ups, %d events already on the topic, after a warm-up): %.0f events/s in %d transactions
              raw ceiling, bare Kafka consumer parsing the same usage events: %.0f records/s (ratio of the service's usage events/s: %.3f)
              validating one usage event on one warm thread: %.2f µs read plainly, %.2f µs through the schemas
            """,
            usage.events(),
            usage.perSecond(),
            usage.batches(),
            usage.rawConsumer(),
            usage.perSecond() / usage.rawConsumer(),
            usage.plainMicros(),
            usage.schemasMicros());
    System.out.println(usageReport);
    Files.writeString(
        Path.of("target", "bench-results.txt"),
        usageReport,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    db.drop();
    System.exit(0);
  }

  private static void deliveries(
      String prefix, String bootstrap, PostgresForTests.Database db, JdbcClient jdbc)
      throws Exception {
    try (Sink sink = new Sink();
        KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      jdbc.sql("UPDATE notification_settings SET enabled = TRUE, circuit_breaker_enabled = TRUE")
          .update();
      for (int i = 1; i <= TARGETS; i++) {
        // No quota: this measures the delivery path itself; WeCom's real 20 a minute would turn
        // the burst into digests (RateLimitTest covers that).
        long id =
            jdbc.sql(
                    """
                    INSERT INTO webhook_targets (name, channel, url, config)
                    VALUES (:n, 'wecom', :u, CAST('{"rateLimits": []}' AS jsonb)) RETURNING id""")
                .param("n", "bench-" + i)
                .param("u", sink.url("/cgi-bin/webhook/send?key=bench-" + i))
                .query(Long.class)
                .single();
        jdbc.sql(
                "INSERT INTO notification_bindings (notification_type, target_id) VALUES ('circuit_breaker', :id)")
            .param("id", id)
            .update();
      }

      ServiceProcess service = service(prefix, bootstrap, db).start();
      AtomicLong peakRss = new AtomicLong();
      Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleRss(service.pid(), peakRss));
      try {
        String events = prefix + ".notifier.events";

        // warm-up: consumer assignment, connection pools, and above all the JIT, which on two
        // cores otherwise spends most of a short run compiling
        publishBurst(producer, events, 1_000_000, WARMUP_EVENTS, "warm");
        waitFor(
            "warm-up deliveries",
            Duration.ofSeconds(300),
            () -> sink.count() >= (long) WARMUP_EVENTS * TARGETS);

        // 1. sustained deliveries/s
        sink.reset();
        publishBurst(producer, events, 2_000_000, BURST_EVENTS, "burst");
        long expected = (long) BURST_EVENTS * TARGETS;
        waitFor("burst deliveries", Duration.ofSeconds(300), () -> sink.count() >= expected);
        double deliveriesPerSecond = sink.count() / ((sink.lastNanos() - sink.firstNanos()) / 1e9);

        // 2. publish-to-arrival latency at a fixed rate, one target
        jdbc.sql(
                "UPDATE notification_bindings SET enabled = (target_id = (SELECT min(id) FROM webhook_targets))")
            .update();
        Thread.sleep(3_000);
        sink.reset();
        int total = RATE * LATENCY_SECONDS;
        long[] published = publishAtRate(producer, events, total);
        waitFor("latency deliveries", Duration.ofSeconds(120), () -> sink.tagged().size() >= total);
        long[] latencies =
            sink.tagged().stream()
                .mapToLong(a -> a.nanos() - published[a.sequence()])
                .sorted()
                .toArray();

        long serviceRss = Math.max(peakRss.get(), hwm(service.pid()));
        service.stop();

        // 3. raw ceilings on the same machine, same broker, same sink
        byte[] event =
            breakerEvent(9_999_999, "ceiling-provider-with-a-name-long-enough-for-600-bytes");
        double rawConsumer = RawCeilings.kafkaConsumer(bootstrap, prefix + ".raw", event, 200_000);
        byte[] body =
            "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"## bench\"}}"
                .getBytes(StandardCharsets.UTF_8);
        double rawHttp = RawCeilings.httpClient(sink.url("/raw"), body, Duration.ofSeconds(10), 16);

        String report =
            String.format(
                """
                notifier benchmark, %s, %d cores, service JVM options: %s
                  sustained deliveries/s (delivery log on, %d events x %d targets): %.0f
                  publish-to-arrival latency at %d events/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms
                  service peak RSS: %d MB
                  raw ceiling, bare Kafka consumer parsing %d-byte JSON events: %.0f records/s (ratio of the service's deliveries/s, each one consumed task record: %.3f)
                  raw ceiling, bare JDK HttpClient to the same sink, 16 in flight: %.0f POSTs/s (service deliveries/s ratio: %.2f)
                """,
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                JAVA_OPTS,
                BURST_EVENTS,
                TARGETS,
                deliveriesPerSecond,
                RATE,
                LATENCY_SECONDS,
                percentile(latencies, 0.50) / 1e6,
                percentile(latencies, 0.99) / 1e6,
                latencies[latencies.length - 1] / 1e6,
                serviceRss / 1024,
                event.length,
                rawConsumer,
                deliveriesPerSecond / rawConsumer,
                rawHttp,
                deliveriesPerSecond / rawHttp);
        System.out.println(report);
        Files.writeString(Path.of("target", "bench-results.txt"), report);
      } finally {
        sampler.interrupt();
        service.close();
      }
    }
  }

  private static ServiceProcess service(
      String prefix, String bootstrap, PostgresForTests.Database db) {
    return new ServiceProcess(
        serviceProperties(prefix, bootstrap, db),
        JAVA_OPTS,
        Path.of("target", "bench-service.log"));
  }

  private static Map<String, String> serviceProperties(
      String prefix, String bootstrap, PostgresForTests.Database db) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.kafka.bootstrap-servers", bootstrap);
    properties.put("spring.datasource.url", db.url());
    properties.put("spring.datasource.username", db.user() == null ? "" : db.user());
    properties.put("spring.datasource.password", db.password() == null ? "" : db.password());
    properties.put("notifier.topics.events", prefix + ".notifier.events");
    properties.put("notifier.topics.deliveries", prefix + ".notifier.deliveries");
    properties.put("notifier.consumer-group-prefix", prefix);
    properties.put("notifier.bindings.cache-ttl", "1s");
    // the sink is on this machine, which the SSRF guard refuses unless told
    properties.put("notifier.egress.allow-hosts", "127.0.0.1");
    // sealed secrets, as in production: opening them is part of every delivery's cost
    properties.put("notifier.secrets.key", dev.notifier.testing.TestWorld.SECRET_KEY);
    properties.put("logging.level.root", "WARN");
    // BENCH_SERVICE_ARGS="name=value,name=value" tries other settings without a rebuild
    for (String pair : env("BENCH_SERVICE_ARGS", "").split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        properties.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return properties;
  }

  private static void publishBurst(
      KafkaProducer<String, byte[]> producer, String topic, int firstProvider, int n, String name) {
    for (int i = 0; i < n; i++) {
      int provider = firstProvider + i;
      producer.send(
          new ProducerRecord<>(
              topic, "provider:" + provider, breakerEvent(provider, name + "-" + i)));
    }
    producer.flush();
  }

  /**
   * Publishes {@code total} events at {@link #RATE}/s; returns when each was handed to the
   * producer.
   */
  private static long[] publishAtRate(
      KafkaProducer<String, byte[]> producer, String topic, int total) {
    long[] published = new long[total];
    long start = System.nanoTime();
    long interval = 1_000_000_000L / RATE;
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      // parking, not spinning: a spinning publisher would take one of the two cores from the
      // service
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      byte[] event = breakerEvent(3_000_000 + i, "lat-" + i);
      published[i] = System.nanoTime();
      producer.send(new ProducerRecord<>(topic, "provider:" + (3_000_000 + i), event));
    }
    producer.flush();
    return published;
  }

  static byte[] breakerEvent(int provider, String name) {
    return String.format(
            """
            {"specversion":"1.0","id":"%s","source":"/bench","type":"llmproxy.circuit_breaker.opened.v1",\
            "time":"%s","subject":"provider:%d","dataschema":"https://schemas.notifier.dev/v1/circuit-breaker-opened.json",\
            "data":{"providerId":%d,"providerName":"%s","failureCount":5,"retryAt":"%s",\
            "lastError":"rate_limit_exceeded: You have exceeded your rate limit","source":"provider"}}""",
            UUID.randomUUID(),
            Instant.now(),
            provider,
            provider,
            name,
            Instant.now().plusSeconds(1800))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(p);
  }

  private static void sampleRss(long pid, AtomicLong peak) {
    while (!Thread.currentThread().isInterrupted()) {
      peak.accumulateAndGet(status(pid, "VmRSS:"), Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The kernel's own peak resident set size of the process, in kB. */
  private static long hwm(long pid) {
    return status(pid, "VmHWM:");
  }

  private static long status(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static double percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void waitFor(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static int intEnv(String name, int fallback) {
    return Integer.parseInt(env(name, String.valueOf(fallback)));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
