package dev.notifier.admin;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/settings}: the single settings row. A change sends only the fields it changes (PUT
 * and PATCH alike); legacy webhook URLs are shown masked and are replaced only when sent whole.
 */
@RestController
@RequestMapping("/api/settings")
class SettingsController {

  private final SettingsAdmin admin;

  SettingsController(SettingsAdmin admin) {
    this.admin = admin;
  }

  @GetMapping
  Map<String, Object> get() {
    return admin.read();
  }

  @PutMapping
  Map<String, Object> put(
      @RequestBody JsonNode body, @RequestAttribute(AdminAuth.ACTOR) String actor) {
    return admin.update(body, actor);
  }

  @PatchMapping
  Map<String, Object> patch(
      @RequestBody JsonNode body, @RequestAttribute(AdminAuth.ACTOR) String actor) {
    return admin.update(body, actor);
  }
}
