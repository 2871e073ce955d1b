package dev.notifier.channel.webhook;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.message.Block;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import dev.notifier.message.Samples;
import dev.notifier.message.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts JSON to any URL: a template with the message's variables filled in ({@link
 * WebhookTemplate}: the binding's, else the target's for the type, {@code config.templates}, else
 * the target's {@code config.template}), or a default document; {@code config.headers} are added as
 * they are. With a {@code secret} ({@code whsec_…}) the request is signed the Standard Webhooks
 * way. Any 2xx is success: the receiver's body is its own business.
 */
@Component
class WebhookSender implements ChannelSender {

  private final HttpTransport http;
  private final JsonMapper json;
  private final Clock clock;

  WebhookSender(HttpTransport http, JsonMapper json, Clock clock) {
    this.http = http;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public String channel() {
    return "webhook";
  }

  @Override
  public Class<WebhookConfig> configType() {
    return WebhookConfig.class;
  }

  @Override
  public List<ConfigProblem> check(Destination target) {
    List<ConfigProblem> problems = new ArrayList<>(ChannelSender.super.check(target));
    String problem = target.secret() == null ? null : StandardWebhooks.problem(target.secret());
    if (problem != null) {
      problems.add(new ConfigProblem("secret", problem));
    }
    WebhookConfig config = target.config(WebhookConfig.class);
    if (config.template() != null) {
      problems.addAll(
          checkTemplate("config.template", config.template(), List.of(NotificationType.values())));
    }
    if (config.templates() != null) {
      config
          .templates()
          .forEach(
              (type, t) -> {
                String field = "config.templates." + type;
                NotificationType.fromWireName(type)
                    .ifPresentOrElse(
                        known -> problems.addAll(checkTemplate(field, t, List.of(known))),
                        () -> problems.add(new ConfigProblem(field, "not a notification type")));
              });
    }
    return problems;
  }

  /**
   * A template is checked by rendering each type's sample through it: one that cannot be read, or
   * fails on a sample, is refused on save rather than at the first alert.
   */
  @Override
  public List<ConfigProblem> checkTemplate(
      String field, Object template, List<NotificationType> types) {
    WebhookTemplate parsed;
    try {
      parsed = WebhookTemplate.of(template, json);
    } catch (IllegalArgumentException e) {
      return List.of(new ConfigProblem(field, String.valueOf(e.getMessage())));
    }
    for (NotificationType type : types) {
      Map<String, Object> values =
          new LinkedHashMap<>(values(Samples.of(type, Presentation.of("en", "UTC"))));
      values.put("notification_id", "sample");
      values.put("notification_type", type.wireName());
      try {
        parsed.fill(withSections(values), json);
      } catch (IllegalArgumentException e) {
        return List.of(
            new ConfigProblem(
                field, e.getMessage() + " (rendering the " + type.wireName() + " sample)"));
      }
    }
    return List.of();
  }

  @Override
  public SendOutcome send(Destination destination, Message message) {
    Map<String, Object> values = values(message);
    WebhookConfig config = destination.config(WebhookConfig.class);
    // the binding's template, put there when it is sent, else the target's for the type, else its
    // one template
    Object template = config.templateFor(message.variables().get("notification_type"));
    String body;
    try {
      body =
          template == null
              ? json.writeValueAsString(values)
              : WebhookTemplate.of(template, json).fill(withSections(values), json);
    } catch (IllegalArgumentException e) {
      return Failed.permanent(FailureReason.BAD_CONFIG, String.valueOf(e.getMessage()));
    }
    Map<String, String> headers = new LinkedHashMap<>(config.extraHeaders());
    String id = webhookId(destination, message, body);
    headers.put("webhook-id", id);
    if (destination.secret() != null && !destination.secret().isBlank()) {
      long now = clock.instant().getEpochSecond();
      headers.put("webhook-timestamp", String.valueOf(now));
      headers.put(
          "webhook-signature", StandardWebhooks.signature(destination.secret(), id, now, body));
    }
    var secrets = destination.secrets();
    return http.postJson(
        destination,
        destination.requireUrl(),
        body,
        headers,
        secrets,
        reply ->
            HttpTransport.classifyStatus(reply, secrets)
                .<SendOutcome>map(f -> f)
                .orElse(SendOutcome.delivered()));
  }

  /**
   * The same for every attempt, retry topic and replay of one delivery, and different for every
   * notification (two test-sends in one second too), so a receiver can drop repeats and only
   * repeats: derived from the target and the notification's id. A message without one (none is
   * built so today) falls back to its body.
   */
  private static String webhookId(Destination destination, Message message, String body) {
    Object notification = message.variables().get("notification_id");
    String identity = notification == null ? "body\n" + body : "notification\n" + notification;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((destination.id() + "\n" + identity).getBytes(StandardCharsets.UTF_8));
      return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** The message's variables (the seeds' names) plus title, level, text and footer. */
  private static Map<String, Object> values(Message message) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("title", message.title());
    values.put("level", message.level().name().toLowerCase(Locale.ROOT));
    values.put("text", text(message));
    values.put("footer", message.footer());
    values.putAll(message.variables());
    return values;
  }

  /** Templates may also call the text by the seeds' name for it. */
  private static Map<String, Object> withSections(Map<String, Object> values) {
    Map<String, Object> more = new LinkedHashMap<>(values);
    more.put("sections", values.get("text"));
    return more;
  }

  private static String text(Message message) {
    StringBuilder out = new StringBuilder();
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h -> out.append(plain(h.spans())).append('\n');
        case Block.Fields f ->
            f.fields()
                .forEach(
                    field ->
                        out.append(field.label())
                            .append(": ")
                            .append(plain(field.value()))
                            .append('\n'));
      }
    }
    return out.toString().strip();
  }

  private static String plain(List<Span> spans) {
    return spans.stream().map(Span::text).collect(Collectors.joining());
  }
}
