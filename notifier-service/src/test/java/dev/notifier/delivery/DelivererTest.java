package dev.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.base.Outages;
import dev.notifier.channel.ChannelProperties;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The retry stage: which outcomes are retried, how many times, and how long it waits. */
class DelivererTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Throttle throttle =
      new Throttle(Clock.systemUTC(), ThrottleWindows.NONE, new Outages());

  private final Deliverer deliverer =
      new Deliverer(
          new DeliveryProperties(
              1,
              4,
              new DeliveryProperties.Retry(4, Duration.ofMillis(10), 2, Duration.ofSeconds(1)),
              new DeliveryProperties.RetryTopics(Duration.ofMinutes(1), 2, 3),
              new DeliveryProperties.Throttle(
                  Duration.ofMillis(200), 20, 2000, Duration.ofMinutes(5)),
              Duration.ofSeconds(3),
              Duration.ofSeconds(30)),
          new ChannelProperties(Duration.ofSeconds(3), Duration.ofSeconds(5)),
          new DeliveryMetrics(registry, Clock.systemUTC(), List.of(), null),
          throttle,
          Clock.systemUTC());

  @Test
  void retryableOutcomesAreRetriedThreeTimesThenReturned() {
    ScriptedSender sender = new ScriptedSender(Failed.retryable(FailureReason.SERVER_ERROR, "500"));

    Deliverer.Result result = deliverer.deliver(sender, destination(), message(), List.of());

    assertThat(result.attempts()).isEqualTo(4);
    assertThat(result.outcome()).isInstanceOf(Failed.class);
    assertThat(
            registry
                .get("notifier.delivery.retries")
                .tag("reason", "server_error")
                .counter()
                .count())
        .isEqualTo(3);
  }

  @Test
  void permanentOutcomesAreNeverRetried() {
    ScriptedSender sender =
        new ScriptedSender(Failed.permanent(FailureReason.AUTH_ERROR, "bad key"));

    assertThat(deliverer.deliver(sender, destination(), message(), List.of()).attempts())
        .isEqualTo(1);
  }

  @Test
  void retryAfterStretchesTheWaitUpToItsCap() {
    ScriptedSender sender =
        new ScriptedSender(
            new Failed(
                SendOutcome.Disposition.RETRYABLE,
                FailureReason.RATE_LIMITED,
                "429",
                Duration.ofMillis(400)),
            SendOutcome.delivered());

    Deliverer.Result result = deliverer.deliver(sender, destination(), message(), List.of());

    assertThat(result.outcome()).isInstanceOf(SendOutcome.Delivered.class);
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void aRetryWaitsForTheTargetsRateLimit() {
    ScriptedSender sender =
        new ScriptedSender(
            Failed.retryable(FailureReason.SERVER_ERROR, "500"), SendOutcome.delivered());
    List<RateLimit> onePer600ms = List.of(new RateLimit(1, Duration.ofMillis(600)));

    Deliverer.Result result = deliverer.deliver(sender, destination(), message(), onePer600ms);

    assertThat(result.outcome()).isInstanceOf(SendOutcome.Delivered.class);
    // the backoff alone would have retried after 10 ms; the window is kept in whole milliseconds
    // (the platform's own clock is no finer), so the wait may fall short of 600 ms by less than 2
    assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(598));
  }

  @Test
  void aRetryTheRateLimitWouldDelayPastTheCapGoesToTheRetryTopics() {
    ScriptedSender sender =
        new ScriptedSender(
            Failed.retryable(FailureReason.SERVER_ERROR, "500"), SendOutcome.delivered());
    List<RateLimit> onePerMinute = List.of(RateLimit.perMinute(1));

    Deliverer.Result result = deliverer.deliver(sender, destination(), message(), onePerMinute);

    assertThat(result.outcome())
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.RATE_LIMITED));
    assertThat(sender.calls()).isEqualTo(1);
  }

  @Test
  void aPlatformAskingForLongerThanTheCapIsNotRetriedInTheLane() {
    ScriptedSender sender =
        new ScriptedSender(
            new Failed(
                SendOutcome.Disposition.RETRYABLE,
                FailureReason.RATE_LIMITED,
                "45009",
                Duration.ofMinutes(1)),
            SendOutcome.delivered());

    Deliverer.Result result = deliverer.deliver(sender, destination(), message(), List.of());

    // one attempt, no retry that sleeps out the cap and then finds the target still quiet: the
    // delivery goes on from the retry topics or the held store, the quiet kept in the throttle
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(sender.calls()).isEqualTo(1);
    assertThat(result.outcome())
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.RATE_LIMITED));
    assertThat(throttle.waitBefore(1, List.of())).isGreaterThan(Duration.ofSeconds(50));
    assertThat(registry.find("notifier.delivery.retries").counter()).isNull();
  }

  @Test
  void whatThePlatformSaysAboutItsBucketHoldsTheTarget() {
    ScriptedSender emptyBucket =
        new ScriptedSender(SendOutcome.deliveredThenQuiet(Duration.ofSeconds(20)));
    deliverer.deliver(emptyBucket, destination(), message(), List.of());
    assertThat(throttle.waitBefore(1, List.of())).isGreaterThan(Duration.ofSeconds(19));

    ScriptedSender tooMany =
        new ScriptedSender(
            new Failed(
                SendOutcome.Disposition.RETRYABLE,
                FailureReason.RATE_LIMITED,
                "429",
                Duration.ofSeconds(40)));
    Destination other = new Destination(2, "t2", "http://example.invalid", null);
    deliverer.deliver(tooMany, other, message(), List.of());
    assertThat(throttle.waitBefore(2, List.of())).isGreaterThan(Duration.ofSeconds(30));
  }

  @Test
  void aMessageSentAsSeveralRequestsCountsEachAgainstTheQuota() {
    // given a platform that takes five requests for this message (a text and four charts)
    ScriptedSender fiveParts =
        new ScriptedSender(SendOutcome.delivered()) {
          @Override
          public int requests(Message message) {
            return 5;
          }
        };
    List<RateLimit> fivePerMinute = List.of(RateLimit.perMinute(5));
    Destination target = new Destination(3, "t3", "http://example.invalid", null);

    // when it is delivered once
    deliverer.deliver(fiveParts, target, message(), fivePerMinute);

    // then the minute's quota is spent
    assertThat(throttle.waitBefore(3, fivePerMinute)).isGreaterThan(Duration.ofSeconds(50));
  }

  @Test
  void tooLargeIsResentSmallerNeverAsItIs() {
    List<Integer> sizes = new ArrayList<>();
    ChannelSender platform =
        new ChannelSender() {
          @Override
          public String channel() {
            return "picky";
          }

          @Override
          public SendOutcome send(Destination destination, Message message) {
            int size = textLength(message);
            sizes.add(size);
            return size > 1_500
                ? Failed.permanent(FailureReason.TOO_LARGE, "40058 content exceed max length")
                : SendOutcome.delivered();
          }
        };

    Deliverer.Result result = deliverer.deliver(platform, destination(), longMessage(), List.of());

    assertThat(result.outcome()).isEqualTo(SendOutcome.delivered());
    assertThat(sizes).hasSize(3);
    assertThat(sizes.get(1)).isLessThan(sizes.get(0));
    assertThat(sizes.get(2)).isLessThanOrEqualTo(1_500);
  }

  @Test
  void tooLargeEvenAtAQuarterGivesUp() {
    ScriptedSender never = new ScriptedSender(Failed.permanent(FailureReason.TOO_LARGE, "413"));
    Deliverer.Result result = deliverer.deliver(never, destination(), longMessage(), List.of());
    assertThat(result.outcome())
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.TOO_LARGE));
    assertThat(never.calls()).isEqualTo(3);
  }

  private static Message longMessage() {
    return new Message(
        "t",
        Level.ERROR,
        List.of(new Block.Highlight(List.of(Span.plain("y".repeat(4_000))))),
        "f",
        Map.of());
  }

  private static int textLength(Message m) {
    return m.blocks().stream()
        .mapToInt(
            b -> ((Block.Highlight) b).spans().stream().mapToInt(s -> s.text().length()).sum())
        .sum();
  }

  /** Answers from a script, then repeats the last answer. */
  @Test
  void aSenderThatThrowsOnItsSettingsFailsAsBadConfigOnceWithoutItsSecret() {
    Destination target = new Destination(1, "t", "http://example.invalid", "whsec_not-base64!!");
    ThrowingSender sender =
        new ThrowingSender(
            new IllegalArgumentException("Illegal base64 character in whsec_not-base64!!"));

    Deliverer.Result result = deliverer.deliver(sender, target, message(), List.of());

    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.outcome())
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FailureReason.BAD_CONFIG);
              assertThat(f.disposition()).isEqualTo(SendOutcome.Disposition.PERMANENT);
              assertThat(f.detail()).doesNotContain("whsec_not-base64!!");
            });
  }

  @Test
  void aSenderThatThrowsAnythingElseFailsAsAnInternalErrorNotRetried() {
    ThrowingSender sender = new ThrowingSender(new NullPointerException("a bug"));

    Deliverer.Result result = deliverer.deliver(sender, destination(), message(), List.of());

    assertThat(result.attempts()).isEqualTo(1);
    assertThat(((Failed) result.outcome()).reason()).isEqualTo(FailureReason.INTERNAL_ERROR);
  }

  private record ThrowingSender(RuntimeException thrown) implements ChannelSender {
    @Override
    public String channel() {
      return "throwing";
    }

    @Override
    public SendOutcome send(Destination destination, Message message) {
      throw thrown;
    }
  }

  private static class ScriptedSender implements ChannelSender {
    private final Deque<SendOutcome> script;
    private int calls;

    ScriptedSender(SendOutcome... outcomes) {
      this.script = new ArrayDeque<>(List.of(outcomes));
    }

    @Override
    public String channel() {
      return "scripted";
    }

    @Override
    public SendOutcome send(Destination destination, Message message) {
      calls++;
      return script.size() > 1 ? script.poll() : script.peek();
    }

    int calls() {
      return calls;
    }
  }

  private static Destination destination() {
    return new Destination(1, "t", "http://example.invalid", null);
  }

  private static Message message() {
    return new Message("t", Level.INFO, List.of(), "f", Map.of());
  }
}
