package dev.notifier.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/** Facts about the machine the tests run on. */
final class Infrastructure {

  private static Boolean docker;

  private Infrastructure() {}

  static synchronized boolean dockerAvailable() {
    if (docker == null) {
      try {
        // Asking Testcontainers on a machine with no Docker at all logs a loud error; look first.
        boolean maybe =
            System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        docker = maybe && DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | Error e) {
        docker = false;
      }
    }
    return docker;
  }
}
