package dev.notifier.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a multipart/form-data body (RFC 7578) as a platform would: its parts by name, with their
 * file names, types and bytes. Strict enough that a malformed upload fails the test.
 */
public final class Multipart {

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

  private Multipart() {}

  /** One part. */
  public record Part(String name, @Nullable String fileName, String contentType, byte[] content) {
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  public static boolean is(ChatStandIn.Request request) {
    return request.contentType().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  public static List<Part> parse(ChatStandIn.Request request) {
    Matcher m = BOUNDARY.matcher(request.contentType());
    if (!is(request) || !m.find()) {
      throw new AssertionError("not multipart/form-data: " + request.contentType());
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = request.raw();
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw new AssertionError("no boundary in the body");
    }
    while (true) {
      int start = at + delimiter.length;
      if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
        return parts; // the closing delimiter
      }
      start += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        throw new AssertionError("unterminated multipart body");
      }
      byte[] part = Arrays.copyOfRange(body, start, next - 2); // CRLF before the delimiter
      parts.add(part(part));
      at = next;
    }
  }

  private static Part part(byte[] part) {
    int split = indexOf(part, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (split < 0) {
      throw new AssertionError("a part without headers");
    }
    String headers = new String(part, 0, split, StandardCharsets.UTF_8);
    byte[] content = Arrays.copyOfRange(part, split + 4, part.length);
    String disposition = header(headers, "Content-Disposition");
    Matcher name = NAME.matcher(disposition);
    if (!name.find()) {
      throw new AssertionError("a part without a name: " + headers);
    }
    Matcher file = FILE_NAME.matcher(disposition);
    String type = header(headers, "Content-Type");
    return new Part(
        name.group(1),
        file.find() ? file.group(1) : null,
        type.isEmpty() ? "text/plain" : type,
        content);
  }

  private static String header(String headers, String name) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
