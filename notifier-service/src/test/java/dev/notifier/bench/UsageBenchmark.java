package dev.notifier.bench;

import dev.notifier.testing.PostgresForTests;
import dev.notifier.testing.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Usage ingestion, sustained: {@code n} usage events are on the topic before the service starts (so
 * the producer cannot be what is measured); the service's rate is the events counted divided by the
 * time between the first and the last roll-up transaction, as PostgreSQL stamped them. The raw
 * ceiling is a bare consumer parsing the same events, in the same run.
 */
final class UsageBenchmark {

  private UsageBenchmark() {}

  /** {@code plainMicros}, {@code schemasMicros}: validating one usage event on one warm thread. */
  record Result(
      int events,
      double perSecond,
      double rawConsumer,
      long batches,
      double plainMicros,
      double schemasMicros) {}

  static Result run(
      String prefix,
      String bootstrap,
      PostgresForTests.Database db,
      JdbcClient jdbc,
      Map<String, String> serviceProperties,
      String javaOptions,
      int warmUp,
      int n)
      throws Exception {
    String topic = prefix + "-usage.notifier.events";
    try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
    }
    try (CheckedSends producer =
        new CheckedSends(RawCeilings.bulkProducer(bootstrap), "usage events")) {
      for (int i = 0; i < warmUp + n; i++) {
        producer.send(
            new ProducerRecord<>(
                topic, "user:" + (i % 50), usageEvent(i < warmUp ? "warm" : "measured", i)));
      }
      producer.flush();
    }
    Map<String, String> properties = new java.util.LinkedHashMap<>(serviceProperties);
    properties.put("notifier.topics.events", topic);
    properties.put("notifier.topics.deliveries", prefix + "-usage.notifier.deliveries");
    properties.put("notifier.consumer-group-prefix", prefix + "-usage");
    try (ServiceProcess service =
        new ServiceProcess(properties, javaOptions, Path.of("target", "bench-usage-service.log"))
            .start()) {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (count(jdbc) < warmUp + n) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "usage events not all counted: " + count(jdbc) + "/" + (warmUp + n));
        }
        Thread.sleep(200);
      }
      service.stop();
    }
    long seen = jdbc.sql("SELECT count(*) FROM usage_seen").query(Long.class).single();
    if (seen != warmUp + n) {
      throw new IllegalStateException(
          "roll-ups count " + (warmUp + n) + " requests but " + seen + " request ids were seen");
    }
    // seen_at is the service clock's instant at each batch: first and last batch bound the run
    Timestamp[] span =
        jdbc.sql(
                "SELECT min(seen_at), max(seen_at) FROM usage_seen WHERE request_id LIKE 'measured-%'")
            .query((rs, i) -> new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2)})
            .single();
    long batches =
        jdbc.sql(
                "SELECT count(DISTINCT seen_at) FROM usage_seen WHERE request_id LIKE 'measured-%'")
            .query(Long.class)
            .single();
    double seconds = Duration.between(span[0].toInstant(), span[1].toInstant()).toNanos() / 1e9;
    double raw =
        RawCeilings.kafkaConsumer(bootstrap, prefix + ".raw-usage", usageEvent("raw", 0), n);
    double[] validation = ValidationCost.measure(javaOptions);
    return new Result(n, n / seconds, raw, batches, validation[0], validation[1]);
  }

  /**
   * Requests counted in the roll-ups: a sum over a few thousand rows. Polled five times a second, a
   * count(*) of usage_seen (hundreds of thousands of rows) took PostgreSQL ~35 ms each time, a
   * sixth of a core taken from the service being measured.
   */
  private static long count(JdbcClient jdbc) {
    return jdbc.sql("SELECT coalesce(sum(requests), 0) FROM usage_hourly")
        .query(Long.class)
        .single();
  }

  static byte[] usageEvent(String run, int i) {
    Instant time = Instant.parse("2026-12-01T00:00:00Z").plusSeconds(i % 86_400);
    return String.format(
            """
            {"specversion":"1.0","id":"u-%d","source":"/bench","type":"llmproxy.usage.recorded.v1",\
            "time":"%s","subject":"user:%d","data":{"requestId":"%s-%d","userId":%d,\
            "userName":"bench user %d","keyId":%d,"providerId":%d,"providerName":"provider %d",\
            "model":"claude-sonnet-4","inputTokens":%d,"outputTokens":%d,"cacheCreationTokens":0,\
            "cacheReadTokens":%d,"cost":0.%06d,"durationMs":%d,"httpStatus":200,"time":"%s",\
            "sessionId":"s-%d"}}""",
            i,
            time,
            i % 50,
            run,
            i,
            i % 50,
            i % 50,
            i % 200,
            i % 5,
            i % 5,
            1000 + i % 5000,
            100 + i % 700,
            i % 3 == 0 ? 4096 : 0,
            i % 1_000_000,
            500 + i % 3000,
            time,
            i / 20)
        .getBytes(StandardCharsets.UTF_8);
  }
}
