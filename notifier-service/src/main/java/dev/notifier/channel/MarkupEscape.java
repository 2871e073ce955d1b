package dev.notifier.channel;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Makes text from an event show as text in a platform's markup, so that it can never mention, link
 * or format: only the notifier's own layout and configured mentions produce markup. Where a
 * platform documents an escape (HTML entities in Feishu's card markdown) it is used; where its
 * markdown has none (WeCom, DingTalk, Teams, Discord and Slack's formatting characters), the
 * characters that open markup are replaced by look-alikes no parser reads. Line breaks inside a
 * value become spaces, so a value cannot start a heading, quote or list of its own.
 */
public final class MarkupEscape {

  private static final Map<Character, String> LOOKALIKES =
      Map.ofEntries(
          Map.entry('<', "＜"),
          Map.entry('>', "＞"),
          Map.entry('[', "［"),
          Map.entry(']', "］"),
          Map.entry('*', "＊"),
          Map.entry('`', "｀"),
          Map.entry('#', "＃"),
          Map.entry('~', "～"),
          Map.entry('|', "｜"),
          Map.entry('&', "＆"),
          Map.entry('_', "＿"));

  private static final Pattern LINE_BREAKS = Pattern.compile("\\R");
  private static final Pattern LIST_MARKER =
      Pattern.compile("^\\s*([-+]|\\d+[.)])(\\s|$).*", Pattern.DOTALL);

  private MarkupEscape() {}

  /**
   * Replaces each of {@code characters} by its look-alike. An underscore is replaced only where it
   * could delimit emphasis (at a word's edge), so identifiers such as {@code gpt_4o_mini} read as
   * they are.
   */
  public static UnaryOperator<String> lookalikes(String characters) {
    return text -> {
      String flat = LINE_BREAKS.matcher(text).replaceAll(" ");
      StringBuilder out = new StringBuilder(flat.length() + 8);
      for (int i = 0; i < flat.length(); i++) {
        char c = flat.charAt(i);
        if (characters.indexOf(c) < 0 || c == '_' && intraword(flat, i)) {
          out.append(c);
        } else {
          out.append(LOOKALIKES.get(c));
        }
      }
      return guardListMarker(out.toString());
    };
  }

  /**
   * Replaces {@code &} and each of {@code characters} by its numeric character reference; an
   * underscore inside a word is left, as above.
   */
  public static UnaryOperator<String> entities(String characters) {
    return text -> {
      String flat = LINE_BREAKS.matcher(text).replaceAll(" ");
      StringBuilder out = new StringBuilder(flat.length() + 16);
      for (int i = 0; i < flat.length(); i++) {
        char c = flat.charAt(i);
        if (c == '&' || characters.indexOf(c) >= 0 && !(c == '_' && intraword(flat, i))) {
          out.append("&#").append((int) c).append(';');
        } else {
          out.append(c);
        }
      }
      return guardListMarker(out.toString());
    };
  }

  private static boolean intraword(String s, int i) {
    return i > 0
        && i + 1 < s.length()
        && Character.isLetterOrDigit(s.charAt(i - 1))
        && Character.isLetterOrDigit(s.charAt(i + 1));
  }

  /** "- x" or "1. x" at the start of a text block would be a list; a zero-width space breaks it. */
  private static String guardListMarker(String text) {
    return LIST_MARKER.matcher(text).matches() ? "\u200B" + text : text;
  }
}
