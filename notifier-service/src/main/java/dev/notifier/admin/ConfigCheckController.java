package dev.notifier.admin;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/config/check}: every stored target and binding checked as a save would check it,
 * and where each notification type would go now. Always 200: {@code ok} says whether anything is
 * wrong.
 */
@RestController
class ConfigCheckController {

  private final ConfigCheck check;

  ConfigCheckController(ConfigCheck check) {
    this.check = check;
  }

  @GetMapping("/api/config/check")
  ConfigCheck.Report check() {
    return check.run();
  }
}
