package dev.notifier.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.Meters;
import dev.notifier.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cost alert levels through the real pipeline: snapshots of several users crossing 80, 90 and 100 %
 * and falling back, into a new period, and against a changed quota, with two instances consuming;
 * each level goes out once per target, window, period and quota. And the periodic check: a level
 * crossed while cost alerts were off is told once they are on again, once.
 */
class CostLevelsTest {

  private static final String P1 = "2026-11-30T16:00:00Z";
  private static final String P1_END = "2026-12-07T16:00:00Z";
  private static final String P2 = "2026-12-07T16:00:00Z";
  private static final String P2_END = "2026-12-14T16:00:00Z";

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();
  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  private int sequence;

  @BeforeEach
  void bind() {
    // the service's clock inside the first period, whatever day the suite runs
    world.clock().set(Instant.parse("2026-12-06T12:00:00Z"));
    wecom.respond(r -> ChatStandIn.WECOM_OK);
    world.bindTarget("ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "cost_alert");
  }

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void eachLevelOncePerTargetPeriodAndQuotaWithTwoInstances() {
    // given two instances (the periodic check off: a day apart)
    instances.add(world.start(Map.of("notifier.cost.check-interval", "1d")));
    instances.add(world.start(Map.of("notifier.cost.check-interval", "1d")));

    // when three users each go 50 → 85 → 92 → 95 → 101 → 70 → 101 % in the first period,
    // then 85 % in the next, then 85 % of a doubled quota
    List<ProducerRecord<String, byte[]>> events = new ArrayList<>();
    for (int user = 1; user <= 3; user++) {
      for (String cost : List.of("5", "8.5", "9.2", "9.5", "10.1", "7", "10.1")) {
        events.add(snapshot(user, cost, "10", P1, P1_END));
      }
      events.add(snapshot(user, "8.5", "10", P2, P2_END));
      events.add(snapshot(user, "17", "20", P2, P2_END));
    }
    world.publishAll(events);

    // then 80, 90 and 100 % in the first period, 80 % in the second, 80 % of the new quota:
    // five alerts for each user, fifteen in all
    await().atMost(Duration.ofSeconds(60)).until(() -> handled() == events.size());
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() >= 15);
    assertThat(wecom.accepted()).hasSize(15);
    for (int user = 1; user <= 3; user++) {
      String name = "用户" + user + "号";
      List<String> bodies =
          wecom.accepted().stream()
              .map(ChatStandIn.Request::body)
              .filter(b -> b.contains(name))
              .toList();
      assertThat(bodies).as(name).hasSize(5);
      assertThat(bodies.get(0)).contains("成本预警提醒（80%）").contains("85.0%").contains("剩余额度");
      assertThat(bodies.get(1)).contains("成本严重预警（90%）").contains("92.0%");
      assertThat(bodies.get(2))
          .contains("配额已用尽")
          .contains("101.0%")
          .contains("超出配额")
          .contains("$0.1000")
          .doesNotContain("剩余额度");
      assertThat(bodies.get(3)).contains("成本预警提醒（80%）").contains("85.0%");
      assertThat(bodies.get(4)).contains("成本预警提醒（80%）").contains("$20.0000");
    }
  }

  @Test
  void aLevelCrossedWhileCostAlertsWereOffIsToldByThePeriodicCheckOnce() throws Exception {
    // given cost alerts off, and a check every second
    world.jdbc().sql("UPDATE notification_settings SET cost_alert_enabled = FALSE").update();
    ConfigurableApplicationContext instance =
        world.start(
            Map.of("notifier.cost.check-interval", "1s", "notifier.cost.check-tick", "200ms"));
    instances.add(instance);

    // when a user passes 90 % meanwhile
    world.publishAll(List.of(snapshot(1, "9.2", "10", P1, "2099-01-01T00:00:00Z")));
    await().atMost(Duration.ofSeconds(30)).until(() -> handled() == 1);
    Thread.sleep(1_500);
    assertThat(wecom.all()).isEmpty();

    // and cost alerts are switched on again
    world.jdbc().sql("UPDATE notification_settings SET cost_alert_enabled = TRUE").update();

    // then the check tells the 90 % level, once
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    Thread.sleep(3_000);
    assertThat(wecom.accepted()).hasSize(1);
    assertThat(wecom.accepted().getFirst().body()).contains("成本严重预警（90%）");

    // and a later snapshot at the same level is not told again by the event either
    world.publishAll(List.of(snapshot(1, "9.4", "10", P1, "2099-01-01T00:00:00Z")));
    await().atMost(Duration.ofSeconds(30)).until(() -> handled() == 2);
    Thread.sleep(2_000);
    assertThat(wecom.accepted()).hasSize(1);
  }

  private double handled() {
    return instances.stream()
        .mapToDouble(
            i ->
                Meters.count(i, "notifier.events", "type", "llmproxy.cost.snapshot.v1")
                    - Meters.count(
                        i,
                        "notifier.events",
                        "type",
                        "llmproxy.cost.snapshot.v1",
                        "outcome",
                        "invalid"))
        .sum();
  }

  private ProducerRecord<String, byte[]> snapshot(
      int user, String cost, String quota, String start, String end) {
    // one second apart, in order: the store keeps the latest by event time
    Instant time = Instant.parse("2026-12-06T00:00:00Z").plusSeconds(sequence++);
    String json =
        """
        {"specversion":"1.0","id":"%s","source":"/quota","type":"llmproxy.cost.snapshot.v1",
         "time":"%s","subject":"user:%d","data":{"targetType":"user","targetId":%d,
         "targetName":"用户%d号","window":"weekly","periodStart":"%s","periodEnd":"%s",
         "currentCost":%s,"quotaLimit":%s,"currency":"USD"}}"""
            .formatted(UUID.randomUUID(), time, user, user, user, start, end, cost, quota);
    return new ProducerRecord<>(
        world.eventsTopic(), "user:" + user, json.getBytes(StandardCharsets.UTF_8));
  }
}
