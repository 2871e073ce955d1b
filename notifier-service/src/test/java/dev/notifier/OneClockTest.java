package dev.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service has one clock. Every time-based decision reads the injected {@link java.time.Clock},
 * and SQL compares with the instant it is given: a read of the machine's clock in Java, or of the
 * database server's ({@code now()} and its kin) in a statement, would let a test's date and the
 * service's disagree, and the suite would pass or fail by the day it runs.
 */
class OneClockTest {

  private static final Path MAIN = Path.of("src/main/java");

  /** Reads of the machine's clock in Java. */
  private static final Pattern JAVA_CLOCK =
      Pattern.compile(
          "\\b(Instant|LocalDate|LocalDateTime|LocalTime|OffsetDateTime|ZonedDateTime|Year|YearMonth)"
              + "\\.now\\(|System\\.currentTimeMillis\\(|new java\\.util\\.Date\\(\\)"
              + "|new Date\\(\\)|Clock\\.system");

  /** Reads of the database server's clock, in SQL text. */
  private static final Pattern SQL_CLOCK =
      Pattern.compile(
          "(?i)\\bnow\\(\\)|\\bcurrent_(timestamp|date|time)\\b|\\blocaltimestamp\\b"
              + "|\\bclock_timestamp\\(|\\bstatement_timestamp\\(|\\btransaction_timestamp\\(");

  /** String literals and text blocks: where SQL lives. */
  private static final Pattern STRINGS =
      Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\\\n])*)\"", Pattern.DOTALL);

  /** The only places that may read the machine's clock, and why. */
  private static final Map<String, String> ALLOWED =
      Map.of(
          "dev/notifier/NotifierConfiguration.java", "it makes the one clock",
          "dev/notifier/cli/Operator.java", "a command runs in the operator's process",
          "dev/notifier/channel/HttpTransport.java",
              "a Retry-After date is the platform's wall time");

  @Test
  void noCodeReadsTheMachinesClockButTheOneClock() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      String relative = MAIN.relativize(file).toString().replace('\\', '/');
      if (ALLOWED.containsKey(relative)) {
        continue;
      }
      String code = withoutComments(Files.readString(file));
      Matcher m = JAVA_CLOCK.matcher(code);
      while (m.find()) {
        found.add(relative + ": " + m.group());
      }
    }
    assertThat(found).as("reads of the machine's clock outside the one Clock").isEmpty();
  }

  @Test
  void noStatementAsksTheDatabaseWhatTimeItIs() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      String code = withoutComments(Files.readString(file));
      Matcher strings = STRINGS.matcher(code);
      while (strings.find()) {
        String text = strings.group(1) != null ? strings.group(1) : strings.group(2);
        Matcher m = SQL_CLOCK.matcher(text);
        while (m.find()) {
          found.add(MAIN.relativize(file) + ": " + m.group() + " in \"" + text.strip() + "\"");
        }
      }
    }
    assertThat(found).as("SQL reading the server's clock: pass the Clock's instant").isEmpty();
  }

  @Test
  void theGuardsSeeWhatTheyLookFor() {
    // a guard that matches nothing proves nothing: each pattern finds its own kind
    assertThat(JAVA_CLOCK.matcher("Instant at = Instant.now();").find()).isTrue();
    assertThat(JAVA_CLOCK.matcher("long t = System.currentTimeMillis();").find()).isTrue();
    assertThat(JAVA_CLOCK.matcher("clock.instant()").find()).isFalse();
    Matcher strings = STRINGS.matcher("jdbc.sql(\"\"\"\n  WHERE due_at <= now()\"\"\")");
    assertThat(strings.find()).isTrue();
    assertThat(SQL_CLOCK.matcher(strings.group(1)).find()).isTrue();
    assertThat(SQL_CLOCK.matcher("SET updated_at = CURRENT_TIMESTAMP").find()).isTrue();
    assertThat(withoutComments("a // now()\nb /* now() */ c")).doesNotContain("now()");
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(java).hasSizeGreaterThan(100);
      return java;
    }
  }

  /** The code less its comments, which may speak of now() freely. */
  private static String withoutComments(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", "")
        .replaceAll("(?m)^\\s*//.*$", "")
        .replaceAll("(?m)\\s//[^\"\\n]*$", "");
  }
}
