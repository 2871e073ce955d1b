package dev.notifier.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.Meters;
import dev.notifier.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Which quota periods the periodic cost check still tells, with the service's one clock set to a
 * period's end on dates that break naive code: the last second of a year, the end of a leap day,
 * New York's local midnights either side of a clock change, and ten years out. A level crossed
 * while cost alerts were off is told once they are on again only while its period is open on the
 * service's clock: a period that ended a second ago is never told, one still running is. The cases
 * share one instance and go forward in time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostPeriodDatesTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();
  private ConfigurableApplicationContext instance;
  private int published;

  @BeforeAll
  void start() {
    wecom.respond(r -> ChatStandIn.WECOM_OK);
    world.clock().set(Instant.parse("2027-03-01T00:00:00Z"));
    world.bindTarget("ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "cost_alert");
    instance =
        world.start(
            Map.of("notifier.cost.check-interval", "1s", "notifier.cost.check-tick", "100ms"));
  }

  @AfterAll
  void stop() {
    world.close();
    wecom.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // New York's midnight after its clocks went forward, and after they went back
        "2027-03-15T04:00:00Z",
        "2027-11-08T05:00:00Z",
        // the end of the last second of a year, of a leap day, and of a day ten years out
        "2028-01-01T00:00:00Z",
        "2028-03-01T00:00:00Z",
        "2036-12-08T00:00:00Z"
      })
  void onlyAPeriodStillOpenOnTheServicesClockIsToldByTheCheck(String periodEnd) throws Exception {
    Instant end = Instant.parse(periodEnd);
    Instant start = end.minus(Duration.ofDays(7));
    // given cost alerts off, a second before the period ends (the clock moves months on, past
    // the settings cache's 200 ms, so the service reads the switch at once)
    world.jdbc().sql("UPDATE notification_settings SET cost_alert_enabled = FALSE").update();
    world.clock().set(end.minusSeconds(1));
    // and two users past 90 %: one in the period that is ending, one in the next
    String ending = "结束" + periodEnd;
    String running = "继续" + periodEnd;
    world.publishAll(
        List.of(
            snapshot(ending, "9.2", start, end, end.minusSeconds(5)),
            snapshot(running, "9.3", end, end.plus(Duration.ofDays(7)), end.minusSeconds(4))));
    await().atMost(Duration.ofSeconds(30)).until(() -> handled() == published);

    // when the period has ended on the service's clock and cost alerts are switched on again
    world.clock().set(end.plusSeconds(1));
    world.jdbc().sql("UPDATE notification_settings SET cost_alert_enabled = TRUE").update();

    // then the check tells the running period's 90 %, and never the ended one's
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> wecom.accepted().stream().anyMatch(r -> r.body().contains(running)));
    Thread.sleep(1_500);
    assertThat(wecom.accepted()).noneMatch(r -> r.body().contains(ending));
    assertThat(wecom.accepted().stream().filter(r -> r.body().contains(running))).hasSize(1);
  }

  private double handled() {
    return Meters.count(instance, "notifier.events", "type", "llmproxy.cost.snapshot.v1");
  }

  private ProducerRecord<String, byte[]> snapshot(
      String user, String cost, Instant start, Instant end, Instant time) {
    published++;
    int id = Math.abs(user.hashCode());
    String json =
        """
        {"specversion":"1.0","id":"%s","source":"/quota","type":"llmproxy.cost.snapshot.v1",
         "time":"%s","subject":"user:%d","data":{"targetType":"user","targetId":%d,
         "targetName":"%s","window":"weekly","periodStart":"%s","periodEnd":"%s",
         "currentCost":%s,"quotaLimit":10,"currency":"USD"}}"""
            .formatted(UUID.randomUUID(), time, id, id, user, start, end, cost);
    return new ProducerRecord<>(
        world.eventsTopic(), "user:" + id, json.getBytes(StandardCharsets.UTF_8));
  }
}
