package dev.notifier.message;

import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Something that must be told to every target bound to its type. The id is derived from the
 * triggering event, so a redelivered event yields the same id and the delivery log recognises
 * targets it already reached. {@code message} is in the settings' language; {@code render}, when
 * given, makes it in another, for a binding that speaks its own.
 */
public record Notification(
    String id,
    NotificationType type,
    Instant occurredAt,
    Message message,
    @Nullable Function<Presentation, Message> render) {

  /** A notification in one language only. */
  public Notification(String id, NotificationType type, Instant occurredAt, Message message) {
    this(id, type, occurredAt, message, null);
  }

  /** Made in {@code presentation}, and in any other a binding asks for. */
  public static Notification rendered(
      String id,
      NotificationType type,
      Instant occurredAt,
      Presentation presentation,
      Function<Presentation, Message> render) {
    return new Notification(id, type, occurredAt, render.apply(presentation), render);
  }

  /** The message as {@code presentation} shows it; as made when it cannot be made again. */
  public Message in(Presentation presentation) {
    return render == null ? message : render.apply(presentation);
  }
}
