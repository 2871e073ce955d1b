package dev.notifier.message;

import dev.notifier.events.BreakerClosed;
import dev.notifier.events.BreakerOpened;
import dev.notifier.events.BreakerSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a breaker opening or closing reads: the layout of the proxy's own alert, in the configured
 * language.
 */
public final class BreakerMessages {

  private BreakerMessages() {}

  public static Message opened(BreakerOpened e, Instant at, Presentation p) {
    List<Block.Field> fields = new ArrayList<>();
    fields.add(
        field(
            p.text("breaker.failures"),
            Span.plain(p.text("breaker.failures.value", String.valueOf(e.failureCount())))));
    fields.add(field(p.text("breaker.retryAt"), Span.plain(p.time(e.retryAt()))));
    if (e.source() == BreakerSource.ENDPOINT && e.endpointUrl() != null) {
      fields.add(field(p.text("breaker.endpoint"), Span.code(Clip.to(e.endpointUrl(), Clip.TEXT))));
    }
    if (e.lastError() != null && !e.lastError().isBlank()) {
      fields.add(field(p.text("breaker.lastError"), Span.code(Clip.to(e.lastError(), Clip.TEXT))));
    }
    String title = p.text("breaker.opened.title");
    Map<String, Object> vars = variables(title, "error", at, p, e.providerName(), e.providerId());
    vars.put("failure_count", e.failureCount());
    vars.put("retry_at", p.time(e.retryAt()));
    vars.put("last_error", e.lastError() == null ? "" : Clip.to(e.lastError(), Clip.TEXT));
    vars.put("endpoint_id", e.endpointId() == null ? "" : e.endpointId());
    vars.put("endpoint_url", e.endpointUrl() == null ? "" : Clip.to(e.endpointUrl(), Clip.TEXT));
    return new Message(
        title,
        Level.ERROR,
        List.of(
            who(p, "breaker.opened", e.providerName(), e.providerId(), e.source(), e.endpointId()),
            new Block.Fields(p.text("breaker.details"), fields)),
        p.time(at) + " · " + p.text("breaker.opened.footer"),
        vars);
  }

  public static Message closed(BreakerClosed e, Instant at, Presentation p) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(
        who(p, "breaker.closed", e.providerName(), e.providerId(), e.source(), e.endpointId()));
    if (e.openedAt() != null) {
      blocks.add(
          new Block.Fields(
              p.text("breaker.details"),
              List.of(
                  field(p.text("breaker.openedAt"), Span.plain(p.time(e.openedAt()))),
                  field(p.text("breaker.openFor"), Span.plain(minutes(p, e.openedAt(), at))))));
    }
    String title = p.text("breaker.closed.title");
    Map<String, Object> vars = variables(title, "info", at, p, e.providerName(), e.providerId());
    vars.put("endpoint_id", e.endpointId() == null ? "" : e.endpointId());
    vars.put("endpoint_url", e.endpointUrl() == null ? "" : Clip.to(e.endpointUrl(), Clip.TEXT));
    return new Message(
        title, Level.OK, blocks, p.time(at) + " · " + p.text("breaker.closed.footer"), vars);
  }

  private static Block who(
      Presentation p,
      String keyPrefix,
      String providerName,
      long providerId,
      BreakerSource source,
      @Nullable Long endpointId) {
    List<Span> spans = new ArrayList<>();
    spans.add(Span.plain(p.text("breaker.provider") + " "));
    spans.add(Span.bold(Clip.to(providerName, Clip.NAME)));
    spans.add(Span.plain(" (ID: " + providerId + ") "));
    if (source == BreakerSource.ENDPOINT && endpointId != null) {
      spans.add(Span.plain(p.text("breaker.ofEndpoint", String.valueOf(endpointId)) + " "));
    }
    spans.add(Span.plain(p.text(keyPrefix + ".what")));
    return new Block.Highlight(spans);
  }

  private static Map<String, Object> variables(
      String title,
      String level,
      Instant at,
      Presentation p,
      String providerName,
      long providerId) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("title", title);
    vars.put("level", level);
    vars.put("timestamp", at.toString());
    vars.put("timestamp_local", p.time(at));
    vars.put("provider_name", Clip.to(providerName, Clip.NAME));
    vars.put("provider_id", providerId);
    return vars;
  }

  private static String minutes(Presentation p, Instant from, Instant to) {
    long minutes = Math.max(0, Duration.between(from, to).toMinutes());
    return p.text("breaker.openFor.value", String.valueOf(minutes));
  }

  private static Block.Field field(String label, Span value) {
    return new Block.Field(label, List.of(value));
  }
}
