package dev.notifier.message;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The reader's language and time zone: how texts are chosen and times are printed. */
public record Presentation(Locale locale, ZoneId zone) {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  // Without this, a missing "en" bundle would fall back to the JVM's default locale instead of the
  // base bundle.
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  public static Presentation of(String languageTag, String zoneId) {
    return new Presentation(Locale.forLanguageTag(languageTag), ZoneId.of(zoneId));
  }

  public String time(Instant instant) {
    return TIME.format(instant.atZone(zone));
  }

  /** The text for {@code key}, with {0}-style placeholders filled. */
  public String text(String key, Object... args) {
    ResourceBundle bundle = ResourceBundle.getBundle("i18n/messages", locale, NO_FALLBACK);
    try {
      String pattern = bundle.getString(key);
      return args.length == 0 ? pattern : new java.text.MessageFormat(pattern, locale).format(args);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("no text '" + key + "' for " + locale, e);
    }
  }
}
