package dev.notifier.testing;

import java.io.File;
import java.util.Arrays;

/** What a child JVM of the tests needs: this JVM's java (21 or newer) and the test class path. */
public final class JavaProcesses {

  private JavaProcesses() {}

  /** The java that runs the tests: the toolchain's JDK 21+, not whatever is first on the PATH. */
  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** The test class path, also when the runner hides it behind a manifest-only jar. */
  public static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /** The service's executable jar, built by {@code mvn package}. */
  public static File serviceJar() {
    File[] jars =
        new File("target")
            .listFiles((d, n) -> n.matches("notifier-service-.*\\.jar") && !n.contains("plain"));
    return Arrays.stream(jars == null ? new File[0] : jars)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("build the jar first: mvn -DskipTests package"));
  }
}
