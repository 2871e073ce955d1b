package dev.notifier.delivery;

import dev.notifier.channel.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Each target's recent sends, kept to honour its quotas exactly: a send is allowed when every
 * window ending now holds fewer sends than its limit. A token bucket would not do: full at the
 * start of a minute and refilled during it, it lets through up to twice a per-minute quota within
 * one minute, which is exactly what earns WeCom's 45009.
 *
 * <p>A send is stamped when its answer arrives, which is no earlier than the platform counted it;
 * so whatever this lets through, the platform's own window of the same length also allows. Every
 * attempt counts, failed ones included, because the platform counts them too.
 */
@Component
class Throttle {

  private final ConcurrentHashMap<Long, Deque<Long>> sent = new ConcurrentHashMap<>();
  // until when a platform asked for silence (a 429's Retry-After, an empty bucket announced)
  private final ConcurrentHashMap<Long, Long> quietUntil = new ConcurrentHashMap<>();
  private final Clock clock;

  Throttle(Clock clock) {
    this.clock = clock;
  }

  /** How long until the target may send again under {@code limits}; zero when it may now. */
  Duration waitBefore(long targetId, List<RateLimit> limits) {
    long now = clock.millis();
    long until = Math.max(now, quietUntil.getOrDefault(targetId, 0L));
    Deque<Long> times = limits.isEmpty() ? null : sent.get(targetId);
    if (times == null) {
      return Duration.ofMillis(until - now);
    }
    synchronized (times) {
      for (RateLimit limit : limits) {
        // the limit-th most recent send must have left the window
        if (times.size() >= limit.limit()) {
          long nth = nthMostRecent(times, limit.limit());
          until = Math.max(until, nth + limit.per().toMillis());
        }
      }
    }
    return Duration.ofMillis(until - now);
  }

  /** Counts one attempt to the target, just answered. */
  void sent(long targetId, List<RateLimit> limits) {
    if (limits.isEmpty()) {
      return;
    }
    long keep = limits.stream().mapToLong(l -> l.per().toMillis()).max().orElse(0);
    int most = limits.stream().mapToInt(RateLimit::limit).max().orElse(0);
    long now = clock.millis();
    Deque<Long> times = sent.computeIfAbsent(targetId, id -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(now);
      // only the last `most` sends inside the longest window can matter
      while (times.size() > most || (!times.isEmpty() && times.peekFirst() <= now - keep)) {
        times.removeFirst();
      }
    }
  }

  /** The platform asked for nothing more to this target for {@code quiet}. */
  void quiet(long targetId, Duration quiet) {
    long until = clock.millis() + quiet.toMillis();
    quietUntil.merge(targetId, until, Math::max);
  }

  private static long nthMostRecent(Deque<Long> times, int n) {
    var it = times.descendingIterator();
    long value = 0;
    for (int i = 0; i < n && it.hasNext(); i++) {
      value = it.next();
    }
    return value;
  }
}
