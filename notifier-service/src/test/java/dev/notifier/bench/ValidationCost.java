package dev.notifier.bench;

import dev.notifier.events.EventValidator;
import dev.notifier.events.InvalidEventException;
import dev.notifier.testing.JavaProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What validating one usage event costs on one warm thread, read plainly and through the schemas
 * alone. Measured in a JVM of its own with the service's JVM options: the benchmark's own JVM is
 * started by Spring Boot's test-run with the C1 compiler only, which would triple both figures.
 */
final class ValidationCost {

  private static final String MARK = "validation cost (us): ";

  private ValidationCost() {}

  /** Microseconds per event: {plain reading, schemas alone}. */
  static double[] measure(String javaOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(JavaProcesses.java());
    command.addAll(Arrays.asList(javaOptions.split("\\s+")));
    command.addAll(List.of("-cp", JavaProcesses.testClassPath(), ValidationCost.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("validation cost: " + out);
    }
    // found by its mark: diagnostic JVM options (NMT's statistics at exit) print after it
    String[] figures =
        out.lines()
            .filter(l -> l.startsWith(MARK))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("validation cost: " + out))
            .substring(MARK.length())
            .split(" ");
    return new double[] {Double.parseDouble(figures[0]), Double.parseDouble(figures[1])};
  }

  public static void main(String[] args) throws InvalidEventException {
    byte[] event = UsageBenchmark.usageEvent("validation", 12_345);
    double plain = micros(new EventValidator(65_536), event);
    double schemas = micros(EventValidator.schemasOnly(65_536), event);
    System.out.println(MARK + plain + " " + schemas);
  }

  /**
   * The best of five rounds of 100,000 validations, after five unmeasured ones: the cost once the
   * JIT has compiled the path.
   */
  private static double micros(EventValidator validator, byte[] event)
      throws InvalidEventException {
    int n = 100_000;
    long ids = 0;
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 10; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        // used, so that the JIT cannot drop the call
        ids += validator.validate(event).id().length();
      }
      if (round >= 5) {
        best = Math.min(best, (System.nanoTime() - start) / 1e3 / n);
      }
    }
    if (ids == 0) {
      throw new IllegalStateException("nothing validated");
    }
    return best;
  }
}
