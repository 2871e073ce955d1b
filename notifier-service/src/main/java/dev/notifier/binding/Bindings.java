package dev.notifier.binding;

import dev.notifier.message.NotificationType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The binding tables as this instance currently believes them. The whole snapshot is re-read once
 * it is older than the TTL: a few small queries every couple of seconds, and no cross-instance
 * invalidation to get wrong.
 */
@Service
public class Bindings {

  private final BindingStore store;
  private final BindingProperties properties;
  private final Clock clock;
  private volatile BindingSnapshot snapshot;

  Bindings(BindingStore store, BindingProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
    this.snapshot = store.load();
  }

  /**
   * Settings, targets and bindings as one immutable value: what a delivery decides everything from.
   */
  public BindingSnapshot snapshot() {
    return current();
  }

  public Settings settings() {
    return current().settings();
  }

  public List<Target> recipients(NotificationType type) {
    return current().recipients(type);
  }

  /**
   * Whether the global switch, the type's switch and an enabled binding still send {@code type} to
   * the target (the target's own state aside).
   */
  public boolean sends(NotificationType type, long targetId) {
    return current().sends(type, targetId);
  }

  /** Every binding of this type, enabled or not, switches aside (the scheduler's view). */
  public List<Binding> bound(NotificationType type) {
    return current().bound(type);
  }

  /** The binding of {@code type} to the target, with its routing rules, if there is one. */
  public Optional<Binding> binding(NotificationType type, long targetId) {
    return current().binding(type, targetId);
  }

  public Optional<Target> target(long id) {
    return current().target(id);
  }

  /** Drops the cached copy; the next read goes to the database. For writers in this instance. */
  public void invalidate() {
    snapshot = store.load();
  }

  private BindingSnapshot current() {
    BindingSnapshot s = snapshot;
    Instant now = clock.instant();
    // a copy from the future is stale too: the clock was set back (by NTP, or by a test)
    if (s.loadedAt().plus(properties.cacheTtl()).isBefore(now) || s.loadedAt().isAfter(now)) {
      synchronized (this) {
        if (snapshot == s) {
          snapshot = store.load();
        }
        s = snapshot;
      }
    }
    return s;
  }
}
