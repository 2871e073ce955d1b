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

/**
 * {@code /api/targets}: list, read, create, update, delete and test-send. {@code verify=false} on a
 * save skips asking the platform, for when it cannot be reached and the operator knows better.
 */
@RestController
@RequestMapping("/api/targets")
class TargetsController {

  private final TargetAdmin admin;

  TargetsController(TargetAdmin admin) {
    this.admin = admin;
  }

  @GetMapping
  List<TargetView> list() {
    return admin.list();
  }

  @GetMapping("/{id}")
  TargetView get(@PathVariable long id) {
    return admin.get(id);
  }

  @PostMapping
  ResponseEntity<TargetView> create(
      @RequestBody TargetRequest request,
      @RequestParam(defaultValue = "true") boolean verify,
      @RequestAttribute(AdminAuth.ACTOR) String actor) {
    TargetView created = admin.create(request, verify, actor);
    return ResponseEntity.created(URI.create("/api/targets/" + created.id())).body(created);
  }

  @PutMapping("/{id}")
  TargetView update(
      @PathVariable long id,
      @RequestBody TargetRequest request,
      @RequestParam(defaultValue = "true") boolean verify,
      @RequestAttribute(AdminAuth.ACTOR) String actor) {
    return admin.update(id, request, verify, actor);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(
      @PathVariable long id, @RequestAttribute(AdminAuth.ACTOR) String actor) {
    admin.delete(id, actor);
    return ResponseEntity.noContent().build();
  }

  /** {@code ?type=usage_report}: that type's sample instead of the short test message. */
  @PostMapping("/{id}/test")
  TestResult test(
      @PathVariable long id,
      @RequestParam(required = false) @Nullable String type,
      @RequestAttribute(AdminAuth.ACTOR) String actor) {
    return admin.test(id, type, actor);
  }

  /** Tries a target before saving it: checked as a save would, sent once, nothing stored. */
  @PostMapping("/test")
  TestResult testUnsaved(
      @RequestBody TargetRequest request,
      @RequestParam(required = false) @Nullable String type,
      @RequestAttribute(AdminAuth.ACTOR) String actor) {
    return admin.testUnsaved(request, type, actor);
  }
}
