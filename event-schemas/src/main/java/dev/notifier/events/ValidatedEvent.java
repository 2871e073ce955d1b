package dev.notifier.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An event that passed {@link EventValidator}: envelope attributes plus its typed payload. */
public record ValidatedEvent(
    String id,
    String source,
    EventType type,
    Instant time,
    String subject,
    @Nullable String dataschema,
    EventData data) {

  /**
   * The payload as the type the caller expects; fails loudly on a mismatch, which would be a bug.
   */
  public <T extends EventData> T dataAs(Class<T> expected) {
    return expected.cast(data);
  }
}
