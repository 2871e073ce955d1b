package dev.notifier.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden example events shipped under {@code examples/}, every version of them. */
final class ExampleEvents {

  private ExampleEvents() {}

  static byte[] read(String resource) {
    try (InputStream in = ExampleEvents.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no such resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under examples/, found on disk so a newly added version cannot be forgotten. */
  static List<Path> all() {
    try {
      Path root = Path.of(ExampleEvents.class.getClassLoader().getResource("examples").toURI());
      try (Stream<Path> files = Files.walk(root)) {
        return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
