package dev.notifier.channel;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrubs credentials out of text that is about to be logged, counted or stored: each secret in
 * every form a platform or a library may echo it in (as is, URL-encoded, URL-decoded, base64),
 * whatever its length. A secret of fewer than four characters is masked only where it stands alone,
 * so a one-letter key does not turn every error into asterisks.
 */
public final class Redaction {

  public static final String MASK = "<secret>";

  // URLs often appear in transport errors with their query (WeCom/DingTalk keys live there) or last
  // path segments (Feishu/Slack/Discord tokens); only scheme and host are kept.
  private static final Pattern URL_TAIL = Pattern.compile("(https?://[^/\\s?#]+)[^\\s\"']*");

  private static final int SHORT = 4;

  // Compiled once: every platform reply is scrubbed, and compiling this per secret form was one of
  // the larger allocation sites of a delivery (JFR, 2026-12-07).
  private static final Pattern UPPER_HEX_ESCAPE = Pattern.compile("%[0-9A-F]{2}");

  private Redaction() {}

  public static String scrub(String text, Collection<String> secrets) {
    // A NUL is no use to a reader and PostgreSQL refuses it in text; an error page may hold one.
    // It goes first: taken out after masking, it could join two halves of a secret.
    String out = text.replace("\0", "");
    for (String form : forms(secrets)) {
      out =
          form.length() >= SHORT
              ? out.replace(form, MASK)
              : Pattern.compile("(?<![\\p{Alnum}])" + Pattern.quote(form) + "(?![\\p{Alnum}])")
                  .matcher(out)
                  .replaceAll(Matcher.quoteReplacement(MASK));
    }
    return URL_TAIL.matcher(out).replaceAll("$1/" + MASK);
  }

  /** Every form of every secret, longest first, so no part of a longer one is left behind. */
  static Set<String> forms(Collection<String> secrets) {
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret == null || secret.isEmpty()) {
        continue;
      }
      // As configured, and as it means once URL-decoded: a URL holds keys encoded, a platform
      // may echo them decoded, and either may come back encoded again.
      Set<String> bases = new LinkedHashSet<>();
      bases.add(secret);
      decoded(secret).ifPresent(bases::add);
      for (String base : bases) {
        forms.add(base);
        forms.add(lowerHex(base));
        String encoded = URLEncoder.encode(base, StandardCharsets.UTF_8);
        forms.add(encoded);
        forms.add(encoded.replace("+", "%20"));
        forms.add(lowerHex(encoded));
        byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      }
    }
    forms.removeIf(String::isEmpty);
    return forms.stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
  }

  private static java.util.Optional<String> decoded(String secret) {
    try {
      return java.util.Optional.of(URLDecoder.decode(secret, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  private static String lowerHex(String encoded) {
    Matcher m = UPPER_HEX_ESCAPE.matcher(encoded);
    return m.replaceAll(r -> r.group().toLowerCase(Locale.ROOT));
  }
}
