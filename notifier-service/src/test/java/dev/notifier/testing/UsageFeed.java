package dev.notifier.testing;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/** Usage events for tests that need roll-ups made the way the service makes them: over Kafka. */
public final class UsageFeed {

  private UsageFeed() {}

  /** One request of {@code inputTokens} tokens (no output) at {@code time}, keyed by its user. */
  public static ProducerRecord<String, byte[]> event(
      TestWorld world,
      String requestId,
      long user,
      String userName,
      @Nullable Long keyId,
      @Nullable String keyName,
      String model,
      long inputTokens,
      String cost,
      String time) {
    String json =
        """
        {"specversion":"1.0","id":"ev-%s","source":"/test","type":"llmproxy.usage.recorded.v1",
         "time":"%s","subject":"user:%d","data":{"requestId":"%s","userId":%d,"userName":"%s",
         "keyId":%s,"keyName":%s,"providerId":1,"providerName":"P","model":"%s",
         "inputTokens":%d,"outputTokens":0,"cost":%s,"durationMs":10,"httpStatus":200,"time":"%s"}}"""
            .formatted(
                requestId,
                time,
                user,
                requestId,
                user,
                userName,
                keyId == null ? "null" : keyId.toString(),
                keyName == null ? "null" : "\"" + keyName + "\"",
                model,
                inputTokens,
                cost,
                time);
    return new ProducerRecord<>(
        world.eventsTopic(), "user:" + user, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One request of a session ({@code sessionId} null for none) to provider 1 ("P") with the given
   * prompt tokens: {@code input} uncached, {@code creation} written to the cache, {@code read} read
   * from it.
   */
  public static ProducerRecord<String, byte[]> cacheEvent(
      TestWorld world,
      String requestId,
      @Nullable String sessionId,
      @Nullable Integer seq,
      String model,
      long input,
      long creation,
      long read,
      String time) {
    String json =
        """
        {"specversion":"1.0","id":"ev-%s","source":"/test","type":"llmproxy.usage.recorded.v1",
         "time":"%s","subject":"user:1","data":{"requestId":"%s","userId":1,"userName":"u",
         "keyId":null,"keyName":null,"providerId":1,"providerName":"P","model":"%s",
         "inputTokens":%d,"outputTokens":10,"cacheCreationTokens":%d,"cacheReadTokens":%d,
         "cost":0.01,"durationMs":10,"httpStatus":200,"time":"%s","sessionId":%s,"sessionSeq":%s}}"""
            .formatted(
                requestId,
                time,
                requestId,
                model,
                input,
                creation,
                read,
                time,
                sessionId == null ? "null" : "\"" + sessionId + "\"",
                seq == null ? "null" : seq.toString());
    return new ProducerRecord<>(
        world.eventsTopic(),
        sessionId == null ? requestId : sessionId,
        json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Publishes them (each a new request) and waits until the running service has counted every one,
   * on top of what it had counted before.
   */
  public static void publishAndWait(TestWorld world, List<ProducerRecord<String, byte[]>> events) {
    long before = seen(world);
    world.publishAll(events);
    await().atMost(Duration.ofSeconds(30)).until(() -> seen(world) >= before + events.size());
  }

  private static long seen(TestWorld world) {
    return world.jdbc().sql("SELECT count(*) FROM usage_seen").query(Long.class).single();
  }
}
