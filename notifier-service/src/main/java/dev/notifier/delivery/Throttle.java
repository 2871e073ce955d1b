package dev.notifier.delivery;

import dev.notifier.base.Outages;
import dev.notifier.channel.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>The windows live in memory and in {@link ThrottleWindows}: a target's are read from the
 * database the first time it is asked about after a start or a change of which targets this
 * instance owns, so a restart or a rebalance never lets a burst through that the platform would
 * count together with the sends before it.
 */
@Component
class Throttle {

  private static final class Window {
    final Deque<Long> sent = new ArrayDeque<>();
    long quietUntil;
    boolean sendsLoaded;
  }

  private final ConcurrentHashMap<Long, Window> windows = new ConcurrentHashMap<>();
  private final Clock clock;
  private final ThrottleWindows store;
  private final Outages outages;

  Throttle(Clock clock, ThrottleWindows store, Outages outages) {
    this.outages = outages;
    this.clock = clock;
    this.store = store;
  }

  /** How long until the target may send again under {@code limits}; zero when it may now. */
  Duration waitBefore(long targetId, List<RateLimit> limits) {
    return waitBefore(targetId, limits, 1);
  }

  /**
   * How long until the target may take {@code requests} requests at once (a text and its charts)
   * under {@code limits}. More requests than a limit allows at all wait only for that limit's whole
   * window.
   */
  Duration waitBefore(long targetId, List<RateLimit> limits, int requests) {
    Window w = window(targetId, limits);
    long now = clock.millis();
    synchronized (w) {
      long until = Math.max(now, w.quietUntil);
      for (RateLimit limit : limits) {
        // with n more, the (limit - n + 1)-th most recent send must have left the window
        int nth = limit.limit() - Math.min(Math.max(requests, 1), limit.limit()) + 1;
        if (w.sent.size() >= nth) {
          until = Math.max(until, nthMostRecent(w.sent, nth) + limit.per().toMillis());
        }
      }
      return Duration.ofMillis(until - now);
    }
  }

  /**
   * Before an attempt of {@code requests} requests to a target with a quota: writes them down as
   * sent at the latest instant the platform can count them ({@code deadline} from now), so that an
   * instance killed before the answer leaves its successor a window too full rather than one short
   * of a send the platform counted (which earned a 45009 after a SIGKILL). {@link #sent(long, List,
   * int, Instant)} then moves them to when the answer came. Returns that stamp; null when the
   * target has no quota.
   */
  @Nullable Instant reserve(
      long targetId, List<RateLimit> limits, int requests, Duration deadline) {
    if (limits.isEmpty()) {
      return null;
    }
    Instant latest = Instant.ofEpochMilli(clock.millis() + deadline.toMillis());
    outages.waitOut(
        "rate-limit windows", () -> store.sent(targetId, latest, Math.max(requests, 1)));
    return latest;
  }

  /**
   * Counts an attempt of {@code requests} requests to the target, just answered; {@code reserved}
   * is what {@link #reserve} wrote down for it, moved now to the answer's time.
   */
  void sent(long targetId, List<RateLimit> limits, int requests, @Nullable Instant reserved) {
    if (reserved == null) {
      return; // no quota: nothing was reserved, nothing to count
    }
    long now = clock.millis();
    for (int i = 0; i < Math.max(requests, 1); i++) {
      remember(targetId, limits, now);
    }
    Instant at = Instant.ofEpochMilli(now);
    outages.waitOut("rate-limit windows", () -> store.answered(targetId, reserved, at));
  }

  private void remember(long targetId, List<RateLimit> limits, long now) {
    long keep = longest(limits);
    int most = most(limits);
    Window w = window(targetId, limits);
    synchronized (w) {
      w.sent.addLast(now);
      // only the last `most` sends inside the longest window can matter
      while (w.sent.size() > most || (!w.sent.isEmpty() && w.sent.peekFirst() <= now - keep)) {
        w.sent.removeFirst();
      }
    }
  }

  /** The platform asked for nothing more to this target for {@code quiet}. */
  void quiet(long targetId, Duration quiet) {
    long until = clock.millis() + quiet.toMillis();
    Window w = window(targetId, List.of());
    synchronized (w) {
      w.quietUntil = Math.max(w.quietUntil, until);
    }
    outages.waitOut("rate-limit windows", () -> store.quiet(targetId, Instant.ofEpochMilli(until)));
  }

  /** Which targets this instance owns changed: read every window afresh when next asked. */
  void forgetAll() {
    windows.clear();
  }

  private Window window(long targetId, List<RateLimit> limits) {
    Window w = windows.get(targetId);
    if (w == null) {
      Window fresh = new Window();
      Instant quiet = outages.waitOut("rate-limit windows", () -> store.quietUntil(targetId));
      fresh.quietUntil = quiet == null ? 0 : quiet.toEpochMilli();
      Window raced = windows.putIfAbsent(targetId, fresh);
      w = raced == null ? fresh : raced;
    }
    if (!limits.isEmpty()) {
      load(targetId, limits, w);
    }
    return w;
  }

  /**
   * Reads what was sent to the target before this instance knew of it (a restart, a partition taken
   * over); it comes before anything sent since.
   */
  private void load(long targetId, List<RateLimit> limits, Window w) {
    synchronized (w) {
      if (w.sendsLoaded) {
        return;
      }
      Instant since = clock.instant().minusMillis(longest(limits));
      int most = most(limits);
      List<Instant> before =
          outages.waitOut("rate-limit windows", () -> store.sentSince(targetId, since, most));
      List<Long> known = List.copyOf(w.sent);
      w.sent.clear();
      before.forEach(at -> w.sent.addLast(at.toEpochMilli()));
      for (long t : known) {
        if (w.sent.isEmpty() || t > w.sent.peekLast()) {
          w.sent.addLast(t);
        }
      }
      w.sendsLoaded = true;
    }
  }

  private static long longest(List<RateLimit> limits) {
    return limits.stream().mapToLong(l -> l.per().toMillis()).max().orElse(0);
  }

  private static int most(List<RateLimit> limits) {
    return limits.stream().mapToInt(RateLimit::limit).max().orElse(0);
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
