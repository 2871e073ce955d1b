package dev.notifier.admin;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/bindings}: which targets each notification type goes to, with a scheduled type's own
 * cron and zone. Changes reach every instance within their binding cache's TTL.
 */
@RestController
@RequestMapping("/api/bindings")
class BindingsController {

  private final BindingAdmin admin;

  BindingsController(BindingAdmin admin) {
    this.admin = admin;
  }

  @GetMapping
  List<BindingView> list(
      @RequestParam(name = "notification_type", required = false) @Nullable String type,
      @RequestParam(name = "target_id", required = false) @Nullable Long targetId) {
    return admin.list(type, targetId);
  }

  @GetMapping("/{id}")
  BindingView get(@PathVariable long id) {
    return admin.get(id);
  }

  @PostMapping
  ResponseEntity<BindingView> create(
      @RequestBody JsonNode body, @RequestAttribute(AdminAuth.ACTOR) String actor) {
    BindingView created = admin.create(body, actor);
    return ResponseEntity.created(URI.create("/api/bindings/" + created.id())).body(created);
  }

  @PutMapping("/{id}")
  BindingView update(
      @PathVariable long id,
      @RequestBody JsonNode body,
      @RequestAttribute(AdminAuth.ACTOR) String actor) {
    return admin.update(id, body, actor);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(
      @PathVariable long id, @RequestAttribute(AdminAuth.ACTOR) String actor) {
    admin.delete(id, actor);
    return ResponseEntity.noContent().build();
  }
}
