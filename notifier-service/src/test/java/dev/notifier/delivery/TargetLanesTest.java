package dev.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetLanesTest {

  private final TargetLanes lanes =
      new TargetLanes(
          new DeliveryProperties(
              1,
              4,
              new DeliveryProperties.Retry(4, Duration.ofMillis(10), 2, Duration.ofSeconds(1)),
              new DeliveryProperties.RetryTopics(Duration.ofMinutes(1), 2, 3),
              new DeliveryProperties.Throttle(
                  Duration.ofMillis(200), 20, 2000, Duration.ofMinutes(5)),
              Duration.ofSeconds(3),
              Duration.ofSeconds(30)),
          Duration.ofSeconds(5));

  @AfterEach
  void stop() {
    lanes.stop();
  }

  @Test
  void oneTargetsWorkRunsInSubmissionOrderEvenWhenEarlierWorkIsSlower() throws Exception {
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> futures =
        IntStream.range(0, 20)
            .mapToObj(
                i ->
                    lanes.submit(
                        7,
                        () -> {
                          sleep(i % 3 == 0 ? 15 : 1);
                          order.add(i);
                          return CompletableFuture.completedFuture(null);
                        }))
            .toList();
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(order).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
  }

  @Test
  void differentTargetsRunAtTheSameTime() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    Runnable meetTheOther =
        () -> {
          bothRunning.countDown();
          try {
            // only returns true if the other target's work is running at the same moment
            assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    CompletableFuture<Void> a = lanes.submit(1, () -> CompletableFuture.runAsync(meetTheOther));
    CompletableFuture<Void> b =
        lanes.submit(
            2,
            () -> {
              meetTheOther.run();
              return CompletableFuture.completedFuture(null);
            });
    CompletableFuture.allOf(a, b).get(10, TimeUnit.SECONDS);
    assertThat(bothRunning.getCount()).isZero();
  }

  @Test
  void aFailureFailsOnlyItsOwnFutureAndTheLaneGoesOn() throws Exception {
    CompletableFuture<Void> failing =
        lanes.submit(
            3,
            () -> {
              throw new DeliveryFailedException.Permanent(
                  dev.notifier.channel.FailureReason.AUTH_ERROR, "wecom", 1, "bad key");
            });
    CompletableFuture<Void> next = lanes.submit(3, () -> CompletableFuture.completedFuture(null));

    next.get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(DeliveryFailedException.Permanent.class);
  }

  @Test
  void resultsHandedOutByOneThreadAreReleasedTogether() throws Exception {
    CompletableFuture<Void> slowWrite = new CompletableFuture<>();
    CountDownLatch bothHandedOut = new CountDownLatch(1);
    CompletableFuture<Void> quick =
        lanes.submit(
            1,
            () -> {
              try {
                bothHandedOut.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return CompletableFuture.completedFuture(null);
            });
    CompletableFuture<Void> slow = lanes.submit(2, () -> slowWrite);
    bothHandedOut.countDown();

    // the quick one is done, but its result waits for the rest of what this thread handed out
    sleep(200);
    assertThat(quick).isNotDone();

    slowWrite.complete(null);
    CompletableFuture.allOf(quick, slow).get(5, TimeUnit.SECONDS);
    assertThat(lanes.busyLanes()).isZero();
  }

  @Test
  void aTargetsNextWorkWaitsUntilThePreviousIsDoneNotMerelyAcknowledged() throws Exception {
    // given work whose record is let go at once but whose row is still being written
    CompletableFuture<Void> written = new CompletableFuture<>();
    CompletableFuture<Void> ack = CompletableFuture.completedFuture(null);
    CompletableFuture<Void> released =
        lanes.submit(
            5,
            ack,
            gate -> {
              gate.pass();
              return written;
            });
    CountDownLatch nextRan = new CountDownLatch(1);
    lanes.submit(
        5,
        () -> {
          nextRan.countDown();
          return CompletableFuture.completedFuture(null);
        });

    // then the first record is released, but the target's next work waits for the write
    released.get(5, TimeUnit.SECONDS);
    assertThat(nextRan.await(300, TimeUnit.MILLISECONDS)).isFalse();
    written.complete(null);
    assertThat(nextRan.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void theNextWorkPreparesWhileThePreviousIsRecordedButSendsOnlyAfter() throws Exception {
    CompletableFuture<Void> written = new CompletableFuture<>();
    lanes.submit(
        6,
        CompletableFuture.completedFuture(null),
        gate -> {
          gate.pass(); // sent; its row is still being written
          return written;
        });
    CountDownLatch prepared = new CountDownLatch(1);
    CountDownLatch sent = new CountDownLatch(1);
    lanes.submit(
        6,
        CompletableFuture.completedFuture(null),
        gate -> {
          prepared.countDown();
          gate.await();
          sent.countDown();
          return CompletableFuture.completedFuture(null);
        });

    assertThat(prepared.await(5, TimeUnit.SECONDS)).as("prepares at once").isTrue();
    assertThat(sent.await(300, TimeUnit.MILLISECONDS)).as("sends before the row").isFalse();
    written.complete(null);
    assertThat(sent.await(5, TimeUnit.SECONDS)).isTrue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
