package dev.notifier.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Seeded usage events and the roll-ups one pass over them must give, worked out here independently
 * of the service.
 */
final class UsageEventsForTests {

  /** One request as sent, and its share of a roll-up row. */
  record Request(
      String id,
      long user,
      Long key,
      long provider,
      String model,
      long in,
      long out,
      long cacheCreation,
      long cacheRead,
      BigDecimal cost,
      long ms,
      int status,
      Instant time) {

    String json() {
      return """
          {"specversion":"1.0","id":"ev-%s","source":"/llm-proxy/requests","type":"llmproxy.usage.recorded.v1",
           "time":"%s","subject":"user:%d","data":{"requestId":"%s","userId":%d,"userName":"用户 %d",
           "keyId":%s,"providerId":%d,"providerName":"P%d","model":"%s","inputTokens":%d,"outputTokens":%d,
           "cacheCreationTokens":%d,"cacheReadTokens":%d,"cost":%s,"durationMs":%d,"httpStatus":%d,"time":"%s",
           "sessionId":"s-%d-%d"}}"""
          .formatted(
              id,
              time,
              user,
              id,
              user,
              user,
              key == null ? "null" : key.toString(),
              provider,
              provider,
              model,
              in,
              out,
              cacheCreation,
              cacheRead,
              cost.toPlainString(),
              ms,
              status,
              time,
              user,
              time.getEpochSecond() / 600);
    }

    String rowKey() {
      return time.truncatedTo(ChronoUnit.HOURS)
          + "|"
          + user
          + "|"
          + (key == null ? -1 : key)
          + "|"
          + provider
          + "|"
          + model;
    }
  }

  private UsageEventsForTests() {}

  static List<Request> requests(int n, long seed, Instant from) {
    Random random = new Random(seed);
    String[] models = {"claude-sonnet-4", "gpt-4o", "gemini-2.5-pro", "deepseek-chat"};
    List<Request> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long user = 1 + random.nextInt(20);
      out.add(
          new Request(
              "req-" + seed + "-" + i,
              user,
              random.nextInt(4) == 0 ? null : user * 10 + random.nextInt(3),
              1 + random.nextInt(5),
              models[random.nextInt(models.length)],
              random.nextInt(50_000),
              random.nextInt(5_000),
              random.nextInt(3) == 0 ? random.nextInt(20_000) : 0,
              random.nextInt(2) == 0 ? random.nextInt(80_000) : 0,
              BigDecimal.valueOf(random.nextInt(2_000_000), 6),
              random.nextInt(60_000),
              random.nextInt(20) == 0 ? 500 : 200,
              from.plusSeconds(random.nextInt(48 * 3600))));
    }
    return out;
  }

  static List<ProducerRecord<String, byte[]>> records(String topic, List<Request> requests) {
    return requests.stream()
        .map(
            r ->
                new ProducerRecord<>(
                    topic, "user:" + r.user(), r.json().getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  /**
   * The roll-up rows one pass must give, each as "requests errors in out cc cr cost ms" keyed like
   * {@link #rowsAsStored}.
   */
  static Map<String, String> expectedRows(List<Request> requests) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> costs = new TreeMap<>();
    for (Request r : requests) {
      long[] c = counts.computeIfAbsent(r.rowKey(), k -> new long[7]);
      c[0]++;
      c[1] += r.status() >= 400 ? 1 : 0;
      c[2] += r.in();
      c[3] += r.out();
      c[4] += r.cacheCreation();
      c[5] += r.cacheRead();
      c[6] += r.ms();
      costs.merge(r.rowKey(), r.cost(), BigDecimal::add);
    }
    Map<String, String> rows = new TreeMap<>();
    counts.forEach(
        (k, c) ->
            rows.put(
                k,
                c[0]
                    + " "
                    + c[1]
                    + " "
                    + c[2]
                    + " "
                    + c[3]
                    + " "
                    + c[4]
                    + " "
                    + c[5]
                    + " "
                    + costs.get(k).setScale(6, RoundingMode.UNNECESSARY).toPlainString()
                    + " "
                    + c[6]));
    return rows;
  }

  /** What the service stored, in the form of {@link #expectedRows}. */
  static Map<String, String> rowsAsStored(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
    Map<String, String> rows = new TreeMap<>();
    jdbc.sql(
            """
            SELECT hour, user_id, key_id, provider_id, model, requests, errors, input_tokens,
                   output_tokens, cache_creation_tokens, cache_read_tokens, round(cost, 6) AS cost, duration_ms
              FROM usage_hourly""")
        .query(
            rs -> {
              String key =
                  rs.getTimestamp("hour").toInstant()
                      + "|"
                      + rs.getLong("user_id")
                      + "|"
                      + rs.getLong("key_id")
                      + "|"
                      + rs.getLong("provider_id")
                      + "|"
                      + rs.getString("model");
              rows.put(
                  key,
                  rs.getLong("requests")
                      + " "
                      + rs.getLong("errors")
                      + " "
                      + rs.getLong("input_tokens")
                      + " "
                      + rs.getLong("output_tokens")
                      + " "
                      + rs.getLong("cache_creation_tokens")
                      + " "
                      + rs.getLong("cache_read_tokens")
                      + " "
                      + rs.getBigDecimal("cost").toPlainString()
                      + " "
                      + rs.getLong("duration_ms"));
            });
    return rows;
  }
}
