package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The retry topics really wait: a delivery that keeps failing is tried again after the first delay,
 * then twice and four times as long, and only then dead-lettered, with each of our headers once.
 */
class RetryTopicsTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void eachRoundWaitsItsDelayBeforeTheDeadLetter() {
    // given a platform that answers 503 forever, one attempt per round and rounds 2, 4 and 8 s
    // apart
    wecom.respond(r -> Reply.status(503, "busy"));
    world.bindTarget("ops", "wecom", wecom.url("/send?key=k"), "circuit_breaker");
    world.start(
        Map.of(
            "notifier.delivery.retry.attempts", "1",
            "notifier.delivery.retry-topics.first-delay", "2s"));

    // when
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));

    // then: four rounds, none early, then the DLT
    String dlt = world.deliveriesTopic() + ".DLT";
    await().atMost(Duration.ofSeconds(60)).until(() -> world.readAll(dlt).size() == 1);
    List<ChatStandIn.Request> rounds = wecom.all();
    assertThat(rounds).hasSize(4);
    List<Long> gapsMs = new ArrayList<>();
    for (int i = 1; i < rounds.size(); i++) {
      gapsMs.add((rounds.get(i).receivedNanos() - rounds.get(i - 1).receivedNanos()) / 1_000_000);
    }
    assertThat(gapsMs.get(0)).as("gaps %s", gapsMs).isGreaterThanOrEqualTo(2_000);
    assertThat(gapsMs.get(1)).as("gaps %s", gapsMs).isGreaterThanOrEqualTo(4_000);
    assertThat(gapsMs.get(2)).as("gaps %s", gapsMs).isGreaterThanOrEqualTo(8_000);

    ConsumerRecord<String, byte[]> dead = world.readAll(dlt).getFirst();
    assertEachNotifierHeaderOnce(dead);
    assertThat(value(dead, "notifier-attempts")).isEqualTo("4");
    assertThat(value(dead, "notifier-reason")).isEqualTo("server_error");
    // the pipeline found the rounds run out, not the retry topics' own count
    assertThat(
            value(dead, KafkaHeaders.EXCEPTION_FQCN)
                + " "
                + value(dead, KafkaHeaders.EXCEPTION_CAUSE_FQCN))
        .contains("DeliveryFailedException$Exhausted");
  }

  @Test
  void aPermanentFailureCarriesEachHeaderOnce() {
    wecom.respond(r -> Reply.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"));
    world.bindTarget("ops", "wecom", wecom.url("/send?key=k"), "circuit_breaker");
    world.start();

    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));

    String dlt = world.deliveriesTopic() + ".DLT";
    await().atMost(Duration.ofSeconds(30)).until(() -> world.readAll(dlt).size() == 1);
    assertEachNotifierHeaderOnce(world.readAll(dlt).getFirst());
  }

  @Test
  void aTargetWhoseSecretCannotBeUsedIsDeadLetteredAsBadConfig() {
    // given a custom webhook saved with a secret that is not whsec_ + base64
    long id = world.bindTarget("hook", "webhook", wecom.url("/hook"), "circuit_breaker");
    storedBadly(id, "secret = 'my-plain-secret!!'");

    // then it is dead-lettered at once, as the target's fault, and nothing was sent
    ConsumerRecord<String, byte[]> dead = theOneDeadLetterOfAnAlert();
    assertThat(value(dead, "notifier-reason")).isEqualTo("bad_config");
    assertThat(value(dead, "notifier-attempts")).isEqualTo("1");
    assertThat(value(dead, "notifier-last-error")).doesNotContain("my-plain-secret");
    assertThat(wecom.all()).isEmpty();
  }

  @Test
  void aStoredTargetWhoseSettingsDoNotBindIsDeadLetteredAsBadConfigNamingTheSetting() {
    // given a WeCom target stored (by hand, past the API) with a message type of the wrong kind,
    // and a setting this version does not know, which alone would not matter
    long id = world.bindTarget("ops", "wecom", wecom.url("/send?key=k"), "circuit_breaker");
    storedBadly(id, "config = CAST('{\"msgtype\": 5, \"retired\": 1}' AS jsonb)");

    ConsumerRecord<String, byte[]> dead = theOneDeadLetterOfAnAlert();
    assertThat(value(dead, "notifier-reason")).isEqualTo("bad_config");
    assertThat(value(dead, "notifier-last-error"))
        .contains("config.msgtype")
        .doesNotContain("retired");
    assertThat(wecom.all()).isEmpty();
  }

  /** Sets {@code assignment} on the target's row, past the API's checks, and starts. */
  private void storedBadly(long targetId, String assignment) {
    world
        .jdbc()
        .sql("UPDATE webhook_targets SET " + assignment + " WHERE id = :id")
        .param("id", targetId)
        .update();
    world.start();
  }

  /** Publishes a breaker alert and waits for the one dead letter it ends in. */
  private ConsumerRecord<String, byte[]> theOneDeadLetterOfAnAlert() {
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));
    String dlt = world.deliveriesTopic() + ".DLT";
    await().atMost(Duration.ofSeconds(30)).until(() -> world.readAll(dlt).size() == 1);
    return world.readAll(dlt).getFirst();
  }

  static void assertEachNotifierHeaderOnce(ConsumerRecord<String, byte[]> record) {
    List<String> names =
        StreamSupport.stream(record.headers().spliterator(), false)
            .map(Header::key)
            .filter(k -> k.startsWith("notifier-"))
            .toList();
    assertThat(names).as("headers").doesNotHaveDuplicates().contains("notifier-reason");
  }

  private static String value(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
