package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.notifier.binding.Target;
import dev.notifier.channel.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any request body: the parser either refuses it (a 400 naming the field) or yields a request whose
 * checks name each problem by a field; nothing else escapes (no other exception, no hang). The
 * seeds are well-formed targets of each kind.
 */
class AdminRequestFuzzTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @FuzzTest(maxDuration = "10s")
  void anyBodyIsARequestOrARefusal(byte[] body) {
    TargetRequest request;
    try {
      request = JSON.readValue(body, TargetRequest.class);
    } catch (JacksonException refused) {
      return;
    }
    if (request == null) {
      return;
    }
    Target draft = request.toNew();
    List<ConfigProblem> problems = new ArrayList<>(TargetLimits.check(draft));
    problems.addAll(request.unknownFields());
    for (ConfigProblem p : problems) {
      assertThat(p.field()).isNotBlank();
      assertThat(p.message()).isNotBlank();
    }
    if (problems.isEmpty()) {
      // what passes the limits is text PostgreSQL stores as sent
      assertThat(draft.name()).doesNotContain("\0");
      assertThat(TargetLimits.hasLoneSurrogate(draft.name())).isFalse();
    }
    Target stored = request.mergeInto(draft);
    assertThat(stored.id()).isEqualTo(draft.id());
  }
}
