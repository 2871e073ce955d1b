package dev.notifier.testing;

import org.testcontainers.DockerClientFactory;

/** Facts about the machine the tests run on. */
final class Infrastructure {

  private static Boolean docker;

  private Infrastructure() {}

  static synchronized boolean dockerAvailable() {
    if (docker == null) {
      try {
        docker = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | Error e) {
        docker = false;
      }
    }
    return docker;
  }
}
