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
import java.util.Optional;
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
  private static final int IDLE_SECONDS = intEnv("BENCH_IDLE_SECONDS", 30);
  private static final int AM_ALERTS = intEnv("BENCH_AM_ALERTS", 10_000);
  private static final int LATENCY_SECONDS = intEnv("BENCH_LATENCY_SECONDS", 20);
  private static final int USAGE_EVENTS = intEnv("BENCH_USAGE_EVENTS", 400_000);
  private static final int USAGE_WARMUP = intEnv("BENCH_USAGE_WARMUP", 100_000);

  /** "usage" runs only the usage-ingestion phase; anything else runs every phase. */
  private static final String ONLY = env("BENCH_ONLY", "all");

  private static final String JAVA_OPTS =
      env("BENCH_JAVA_OPTS", ServiceProcess.DEPLOYED_JVM_OPTIONS);

  private Benchmark() {}

  public static void main(String[] args) {
    // A phase that fails must end the run with its reason, not leave the JVM waiting on a broker's
    // or a producer's threads; and a run that stalls anywhere ends too.
    Duration limit = Duration.ofMinutes(intEnv("BENCH_TIMEOUT_MINUTES", 40));
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                Thread.sleep(limit);
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("benchmark: gave up after " + limit.toMinutes() + " minutes");
              Runtime.getRuntime().halt(3);
            });
    int exit = 0;
    try {
      run();
    } catch (Throwable e) {
      System.err.println("benchmark failed: " + e);
      e.printStackTrace();
      exit = 1;
    }
    System.exit(exit);
  }

  private static void run() throws Exception {
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
  }

  private static void deliveries(
      String prefix, String bootstrap, PostgresForTests.Database db, JdbcClient jdbc)
      throws Exception {
    try (Sink sink = new Sink();
        CheckedSends producer = new CheckedSends(producer(bootstrap), "breaker events")) {
      jdbc.sql("UPDATE notification_settings SET enabled = TRUE, circuit_breaker_enabled = TRUE")
          .update();
      long first = 0;
      for (int i = 1; i <= TARGETS; i++) {
        long id = target(jdbc, "bench-" + i, sink.url("/cgi-bin/webhook/send?key=bench-" + i));
        first = first == 0 ? id : first;
      }
      // Two receivers at fault in every phase: one answers 429, one never answers. The healthy
      // targets' figures must hold beside them.
      long limited = target(jdbc, "bench-429", sink.limitedUrl());
      long hanging = target(jdbc, "bench-hanging", sink.hangingUrl());

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
        long burstRss = Math.max(peakRss.get(), hwm(service.pid()));

        // 2. publish-to-arrival latency at fixed rates, one healthy target beside the faulty two
        jdbc.sql(
                "UPDATE notification_bindings SET enabled = target_id IN (:first, :limited, :hanging)")
            .param("first", first)
            .param("limited", limited)
            .param("hanging", hanging)
            .update();
        Thread.sleep(3_000);
        double[] at100 = latency(sink, producer, events, 100, 3_000_000);
        double[] at500 = latency(sink, producer, events, 500, 4_000_000);

        // 3. idle: every breaker window of the phases above still open, no traffic
        Thread.sleep(5_000);
        long windows =
            jdbc.sql("SELECT count(*) FROM alert_suppressions").query(Long.class).single();
        long rssBefore = status(service.pid(), "VmRSS:");
        long ticksBefore = cpuTicks(service.pid());
        long idleStart = System.nanoTime();
        Thread.sleep(IDLE_SECONDS * 1000L);
        double idleCores =
            (cpuTicks(service.pid()) - ticksBefore)
                / 100.0
                / ((System.nanoTime() - idleStart) / 1e9);
        long rssAfter = status(service.pid(), "VmRSS:");

        long serviceRss = Math.max(peakRss.get(), hwm(service.pid()));
        long faultyRequests = sink.faultyRequests();
        service.stop();

        // 4. raw ceilings on the same machine, same broker, same sink
        byte[] event =
            breakerEvent(9_999_999, "ceiling-provider-with-a-name-long-enough-for-600-bytes");
        double rawConsumer = RawCeilings.kafkaConsumer(bootstrap, prefix + ".raw", event, 200_000);
        byte[] body =
            "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"## bench\"}}"
                .getBytes(StandardCharsets.UTF_8);
        double rawHttp = RawCeilings.httpClient(sink.url("/raw"), body, Duration.ofSeconds(10), 16);

        // 5. Alertmanager, same sink, a burst of as many alerts as the service had deliveries
        String alertmanager = alertmanager(sink, deliveriesPerSecond);

        String report =
            String.format(
                """
                notifier benchmark, %s, %d cores, service JVM options: %s
                  sustained deliveries/s (delivery log on, %d events x %d targets, beside a 429 and a hanging receiver): %.0f
                  publish-to-arrival latency at 100 events/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms
                  publish-to-arrival latency at 500 events/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms
                  service peak RSS: %d MB after the burst, %d MB over the whole run
                  idle for %d s with %d breaker windows open: %.3f of a core, RSS %d MB -> %d MB
                  requests to the 429 and the hanging receiver: %d
                  raw ceiling, bare Kafka consumer parsing %d-byte JSON events: %.0f records/s (ratio of the service's deliveries/s, each one consumed task record: %.3f)
                  raw ceiling, bare JDK HttpClient to the same sink, 16 in flight: %.0f POSTs/s (service deliveries/s ratio: %.2f)
                %s
                """,
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                JAVA_OPTS,
                BURST_EVENTS,
                TARGETS,
                deliveriesPerSecond,
                LATENCY_SECONDS,
                at100[0],
                at100[1],
                at100[2],
                LATENCY_SECONDS,
                at500[0],
                at500[1],
                at500[2],
                burstRss / 1024,
                serviceRss / 1024,
                IDLE_SECONDS,
                windows,
                idleCores,
                rssBefore / 1024,
                rssAfter / 1024,
                faultyRequests,
                event.length,
                rawConsumer,
                deliveriesPerSecond / rawConsumer,
                rawHttp,
                deliveriesPerSecond / rawHttp,
                alertmanager);
        System.out.println(report);
        Files.writeString(Path.of("target", "bench-results.txt"), report);
      } finally {
        sampler.interrupt();
        service.close();
      }
    }
  }

  private static long target(JdbcClient jdbc, String name, String url) {
    // No quota: this measures the delivery path itself; WeCom's real 20 a minute would turn the
    // burst into digests (RateLimitTest covers that).
    long id =
        jdbc.sql(
                """
                INSERT INTO webhook_targets (name, channel, url, config)
                VALUES (:n, 'wecom', :u, CAST('{"rateLimits": []}' AS jsonb)) RETURNING id""")
            .param("n", name)
            .param("u", url)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO notification_bindings (notification_type, target_id) VALUES ('circuit_breaker', :id)")
        .param("id", id)
        .update();
    return id;
  }

  /** p50, p99 and max publish-to-arrival in ms of {@link #LATENCY_SECONDS} at {@code rate}/s. */
  private static double[] latency(
      Sink sink, CheckedSends producer, String events, int rate, int firstProvider)
      throws InterruptedException {
    sink.reset();
    int total = rate * LATENCY_SECONDS;
    long[] published = publishAtRate(producer, events, rate, total, firstProvider);
    waitFor(
        "deliveries at " + rate + "/s",
        Duration.ofSeconds(120),
        () -> sink.tagged().size() >= total);
    long[] latencies =
        sink.tagged().stream()
            .mapToLong(a -> a.nanos() - published[a.sequence()])
            .sorted()
            .toArray();
    return new double[] {
      percentile(latencies, 0.50) / 1e6,
      percentile(latencies, 0.99) / 1e6,
      latencies[latencies.length - 1] / 1e6
    };
  }

  /** Alertmanager's throughput beside the service's, or why it was not measured. */
  private static String alertmanager(Sink sink, double serviceDeliveriesPerSecond)
      throws Exception {
    Optional<Path> binary = Alertmanager.binary();
    if (binary.isEmpty()) {
      return "  Alertmanager: not measured (no prometheus-alertmanager here, and it could not be"
          + " installed: not root, or apt failed; its output is above)";
    }
    Alertmanager.Result am = Alertmanager.run(binary.get(), sink, AM_ALERTS);
    return String.format(
        """
          Alertmanager 0.25, same sink, %d alerts, group_wait 0, one notification per alert: %.0f notifications/s, peak RSS %d MB
          service deliveries/s as a ratio of Alertmanager's notifications/s: %.2f""",
        am.alerts(),
        am.perSecond(),
        am.peakRssKb() / 1024,
        serviceDeliveriesPerSecond / am.perSecond());
  }

  /** user + system CPU time of a process, in clock ticks (USER_HZ, 100 on Linux). */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields after the name: state is [0], utime [11], stime [12]
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
      CheckedSends producer, String topic, int firstProvider, int n, String name) {
    for (int i = 0; i < n; i++) {
      int provider = firstProvider + i;
      producer.send(
          new ProducerRecord<>(
              topic, "provider:" + provider, breakerEvent(provider, name + "-" + i)));
    }
    producer.flush();
  }

  /**
   * Publishes {@code total} events at {@code rate}/s; returns when each was handed to the producer.
   */
  private static long[] publishAtRate(
      CheckedSends producer, String topic, int rate, int total, int firstProvider) {
    long[] published = new long[total];
    long start = System.nanoTime();
    long interval = 1_000_000_000L / rate;
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      // parking, not spinning: a spinning publisher would take one of the two cores from the
      // service
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      byte[] event = breakerEvent(firstProvider + i, "lat-" + i);
      published[i] = System.nanoTime();
      producer.send(new ProducerRecord<>(topic, "provider:" + (firstProvider + i), event));
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

  static long status(long pid, String field) {
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
