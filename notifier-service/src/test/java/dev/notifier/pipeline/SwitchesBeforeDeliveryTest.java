package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.binding.Bindings;
import dev.notifier.binding.Target;
import dev.notifier.delivery.FanOut;
import dev.notifier.message.Notification;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.SampleReports;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every type's switch is checked again right before delivery: a notification made while its type
 * was on, but delivered after it was switched off, is skipped and logged, not sent. Scheduled and
 * periodic types too, whose notifications are made by the service itself.
 */
class SwitchesBeforeDeliveryTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn slack = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    slack.close();
  }

  @ParameterizedTest
  @EnumSource(NotificationType.class)
  void aNotificationWhoseTypeWasSwitchedOffBeforeDeliveryIsSkipped(NotificationType type)
      throws Exception {
    // given a target bound to the type, which is on
    slack.respond(r -> ChatStandIn.Reply.status(200, "ok"));
    long id = world.bindTarget("s", "slack", slack.url("/services/T/B/x"), type.wireName());
    String column = type.wireName() + "_enabled";
    world
        .jdbc()
        .sql("UPDATE notification_settings SET " + column + " = TRUE, locale = 'en'")
        .update();
    ConfigurableApplicationContext instance = world.start();
    Bindings bindings = instance.getBean(Bindings.class);
    Target target = bindings.target(id).orElseThrow();
    FanOut fanOut = instance.getBean(FanOut.class);

    // when one notification is made while it is on and delivered, and one after it was switched off
    publish(fanOut, type, "on", target);
    await().atMost(Duration.ofSeconds(30)).until(() -> slack.accepted().size() == 1);
    world.jdbc().sql("UPDATE notification_settings SET " + column + " = FALSE").update();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !instance.getBean(Bindings.class).settings().enabledTypes().contains(type));
    // past Slack's one message a second, so the task is not held by the quota but delivered
    Thread.sleep(1_500);
    publish(fanOut, type, "off", target);

    // then the second is skipped as switched off, and nothing more arrives
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                world
                        .jdbc()
                        .sql(
                            "SELECT count(*) FROM delivery_log WHERE notification_id = :id"
                                + " AND status = 'skipped' AND reason = 'switched_off'")
                        .param("id", type.wireName() + ":off")
                        .query(Long.class)
                        .single()
                    == 1);
    assertThat(slack.all()).hasSize(1);
  }

  /** Published as the type's own maker would, which checks nothing: the delivery must. */
  private static void publish(FanOut fanOut, NotificationType type, String id, Target target) {
    fanOut
        .publish(
            new Notification(
                type.wireName() + ":" + id,
                type,
                Instant.now(),
                SampleReports.message(null, Presentation.of("en", "UTC"))),
            List.of(target))
        .join();
  }
}
