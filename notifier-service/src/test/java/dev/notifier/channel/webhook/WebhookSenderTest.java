package dev.notifier.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelConfigs;
import dev.notifier.channel.ChannelContract;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.GoldenFiles;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.testing.ChatStandIn.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The custom webhook against a real HTTP server: contract, templates, headers and signing. */
class WebhookSenderTest extends ChannelContract {

  private static final String RECEIVER_KEY = "hook-receiver-key-5e6f7a8b";
  private static final byte[] KEY_BYTES = "0123456789abcdef0123456789abcdef".getBytes();
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY_BYTES);
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private static final String TEMPLATE =
      """
      {"msg": "{{provider_name}} tripped after {{failure_count}} failures: {{last_error}}",
       "count": "{{failure_count}}", "provider": "{{ provider_name }}", "missing": "{{nope}}",
       "quoted": "({{nope}})", "level": "{{level}}", "fixed": [1, true, null]}""";

  private final JsonMapper json = JsonMapper.builder().build();

  @Override
  protected Markup markup() {
    return Markup.NONE;
  }

  @Override
  protected ChannelSender sender() {
    return new WebhookSender(http, json, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Override
  protected Destination destination(String origin) {
    return ChannelConfigs.destination(
        sender(), 11, "ops", origin + "/hooks/notifier?key=" + RECEIVER_KEY, SECRET, Map.of());
  }

  @Override
  protected Reply accepted() {
    return new Reply(200, "thanks", Map.of());
  }

  @Override
  protected List<String> credentials() {
    return List.of(RECEIVER_KEY, SECRET);
  }

  @Override
  protected boolean judgesTheBody() {
    return false;
  }

  /** A custom receiver gets the whole text: the contract's cut does not apply, nothing is lost. */
  @Override
  protected void assertCut(String sentBody) {
    assertThat(json.readTree(sentBody).get("text").asString()).contains("熔断".repeat(12_000));
  }

  /** A custom receiver states no limit; what it gets must still be JSON. */
  @Override
  protected void assertFits(List<String> bodies) {
    assertThat(bodies).hasSize(1);
    assertThat(json.readTree(bodies.getFirst()).isObject()).isTrue();
  }

  @Test
  void aHeaderTokenTheReceiverEchoesIsScrubbedFromTheError() {
    platform.respond(r -> Reply.status(401, "bad token " + r.headers().get("Authorization")));
    Map<String, Object> config =
        Map.of("headers", Map.of("Authorization", "Bearer hdr-tok-91c2e7"));

    SendOutcome outcome =
        sender()
            .send(
                ChannelConfigs.destination(
                    sender(), 11, "ops", platform.url("/hooks"), null, config),
                message("hi"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SendOutcome.Failed.class,
            f -> assertThat(f.detail()).contains("bad token").doesNotContain("hdr-tok-91c2e7"));
  }

  @Test
  void theWebhookIdIsStablePerNotificationAndTargetAndUniqueAcrossNotifications() {
    platform.respond(r -> accepted());
    Destination target =
        ChannelConfigs.destination(sender(), 11, "ops", platform.url("/hooks"), null, Map.of());
    Message first = identified("n-1");
    Message sameTextOtherNotification = identified("n-2");

    // the same notification twice (a retry), then another with the very same text
    sender().send(target, first);
    sender().send(target, first);
    sender().send(target, sameTextOtherNotification);
    sender()
        .send(
            ChannelConfigs.destination(sender(), 12, "ops", platform.url("/hooks"), null, Map.of()),
            first);

    List<String> ids =
        platform.accepted().stream().map(r -> r.headers().get("Webhook-id").getFirst()).toList();
    assertThat(ids.get(0)).isEqualTo(ids.get(1));
    assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
    assertThat(ids.get(3)).as("another target").isNotEqualTo(ids.get(0));
  }

  private static Message identified(String notificationId) {
    return new Message(
        "T", Level.INFO, List.of(), "footer", Map.of("notification_id", notificationId));
  }

  @Test
  void withoutATemplateEachNotificationTypeIsSentAsTheGoldenFileSays() {
    assertGoldenBodies("webhook", "en", "UTC");
  }

  @Test
  void aTemplateGetsEscapedTextInStringsAndJsonValuesOutside() {
    platform.respond(r -> accepted());
    Map<String, Object> config = Map.of("template", TEMPLATE, "headers", Map.of("X-Team", "sre"));
    var opened = GoldenFiles.messages(Presentation.of("en", "UTC")).get("circuit-breaker-opened");

    assertThat(
            sender()
                .send(
                    ChannelConfigs.destination(
                        sender(), 11, "ops", platform.url("/hooks"), null, config),
                    opened))
        .isEqualTo(SendOutcome.delivered());

    var request = platform.accepted().getFirst();
    JsonNode body = json.readTree(request.body());
    assertThat(body.get("msg").asString())
        .isEqualTo(
            "Anthropic 官方 tripped after 5 failures: rate_limit_exceeded: You have exceeded your rate limit");
    assertThat(body.get("count").isNumber()).isTrue();
    assertThat(body.get("count").asInt()).isEqualTo(5);
    assertThat(body.get("provider").asString()).isEqualTo("Anthropic 官方");
    assertThat(body.get("missing").isNull()).isTrue();
    assertThat(body.get("quoted").asString()).isEqualTo("()");
    assertThat(body.get("fixed").toString()).isEqualTo("[1,true,null]");
    assertThat(body.get("level").asString()).isEqualTo("error");
    assertThat(request.headers().get("X-team")).containsExactly("sre");
  }

  @Test
  void aValueWithQuotesCannotBreakOutOfItsString() {
    platform.respond(r -> accepted());
    var message =
        new Message(
            "T",
            Level.ERROR,
            List.of(),
            "f",
            Map.of("provider_name", "evil\", \"admin\": true, \"x\": \""));
    sender()
        .send(
            ChannelConfigs.destination(
                sender(),
                11,
                "ops",
                platform.url("/hooks"),
                null,
                Map.of("template", "{\"p\": \"{{provider_name}}\"}")),
            message);
    JsonNode body = json.readTree(platform.accepted().getFirst().body());
    assertThat(body.has("admin")).isFalse();
    assertThat(body.get("p").asString()).isEqualTo("evil\", \"admin\": true, \"x\": \"");
  }

  @Test
  void aSectionRepeatsOverAListAndAWholePlaceholderKeepsItsType() {
    platform.respond(r -> accepted());
    var board = GoldenFiles.messages(Presentation.of("en", "UTC")).get("daily-leaderboard");
    String template =
        """
        {"lines": "{{#entries_json}}{{rank}}. {{userName}} ${{cost}}\\n{{/entries_json}}",
         "entries": "{{entries_json}}", "total": "{{total_cost}}", "text": "{{sections}}"}""";

    sender()
        .send(
            ChannelConfigs.destination(
                sender(), 11, "ops", platform.url("/hooks"), null, Map.of("template", template)),
            board);

    JsonNode body = json.readTree(platform.accepted().getFirst().body());
    assertThat(body.get("lines").asString()).startsWith("1. ").contains("\n2. ");
    assertThat(body.get("entries").isArray()).isTrue();
    assertThat(body.get("entries").get(0).get("rank").asInt()).isEqualTo(1);
    assertThat(body.get("total").isNumber()).isTrue();
    assertThat(body.get("text").asString()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"x\": \"{{#entries_json}}never closed\"}",
        "{\"x\": \"{{> /etc/passwd}}\"}",
        "\"just a string\"",
        "{oops"
      })
  void aTemplateThatCannotWorkIsRefusedOnSaveAndNeverSent(String template) {
    Destination target =
        ChannelConfigs.destination(
            sender(), 11, "ops", platform.url("/hooks"), null, Map.of("template", template));

    assertThat(sender().check(target))
        .extracting(dev.notifier.channel.ConfigProblem::field)
        .containsExactly("config.template");
    assertThat(sender().send(target, message("hello")))
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.BAD_CONFIG));
    assertThat(platform.all()).isEmpty();
  }

  @Test
  void aTemplateSavedInTheEarlierFormWithBarePlaceholdersStillWorks() {
    platform.respond(r -> accepted());
    String earlier =
        """
        {"msg": "{{provider_name}} tripped after {{failure_count}} failures",
         "count": {{failure_count}}, "provider": {{provider_name}}, "missing": {{nope}},
         "list": [{{failure_count}}, "x{{level}}"], "n": 7318264590}""";
    Destination target =
        ChannelConfigs.destination(
            sender(), 11, "ops", platform.url("/hooks"), null, Map.of("template", earlier));
    var opened = GoldenFiles.messages(Presentation.of("en", "UTC")).get("circuit-breaker-opened");

    assertThat(sender().check(target)).isEmpty();
    assertThat(sender().send(target, opened)).isEqualTo(SendOutcome.delivered());

    JsonNode body = json.readTree(platform.accepted().getFirst().body());
    assertThat(body.get("msg").asString()).isEqualTo("Anthropic 官方 tripped after 5 failures");
    assertThat(body.get("count").asInt()).isEqualTo(5);
    assertThat(body.get("count").isNumber()).isTrue();
    assertThat(body.get("provider").asString()).isEqualTo("Anthropic 官方");
    assertThat(body.get("missing").isNull()).isTrue();
    assertThat(body.get("list").toString()).isEqualTo("[5,\"xerror\"]");
    assertThat(body.get("n").asLong()).isEqualTo(7318264590L);
  }

  @Test
  void aTemplateReachesNothingButTheValuesNotTheirMethods() {
    platform.respond(r -> accepted());
    String template =
        "{\"a\": \"{{title.class}}{{title.bytes}}{{level.length}}\", \"b\": \"{{title}}\"}";
    var message = new Message("{{level}} <b>\"quoted\"</b>", Level.ERROR, List.of(), "f", Map.of());

    sender()
        .send(
            ChannelConfigs.destination(
                sender(), 11, "ops", platform.url("/hooks"), null, Map.of("template", template)),
            message);

    JsonNode body = json.readTree(platform.accepted().getFirst().body());
    assertThat(body.get("a").asString()).isEmpty();
    // a value is text: neither re-rendered nor HTML-escaped, and JSON-escaped by the writer
    assertThat(body.get("b").asString()).isEqualTo("{{level}} <b>\"quoted\"</b>");
  }

  @Test
  void aTargetsTemplatePerTypeOutranksItsOneTemplate() {
    platform.respond(r -> accepted());
    Map<String, Object> config =
        Map.of(
            "template",
            "{\"kind\": \"any\"}",
            "templates",
            Map.of("cost_alert", Map.of("kind", "cost {{usage_percent}}%")));
    var cost =
        new Message(
            "T",
            Level.WARNING,
            List.of(),
            "f",
            Map.of("notification_type", "cost_alert", "usage_percent", 91));

    sender()
        .send(
            ChannelConfigs.destination(sender(), 11, "ops", platform.url("/hooks"), null, config),
            cost);
    sender()
        .send(
            ChannelConfigs.destination(sender(), 11, "ops", platform.url("/hooks"), null, config),
            message("x"));

    assertThat(json.readTree(platform.accepted().get(0).body()).get("kind").asString())
        .isEqualTo("cost 91%");
    assertThat(json.readTree(platform.accepted().get(1).body()).get("kind").asString())
        .isEqualTo("any");
    assertThat(
            sender()
                .check(
                    ChannelConfigs.destination(
                        sender(),
                        11,
                        "ops",
                        platform.url("/hooks"),
                        null,
                        Map.of("templates", Map.of("weekly", Map.of("a", "b"))))))
        .extracting(dev.notifier.channel.ConfigProblem::field)
        .containsExactly("config.templates.weekly");
  }

  @Test
  void aTemplateThatIsNotJsonIsABadConfiguration() {
    SendOutcome outcome =
        sender()
            .send(
                ChannelConfigs.destination(
                    sender(), 11, "ops", platform.url("/hooks"), null, Map.of("template", "{oops")),
                message("hello"));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.BAD_CONFIG));
    assertThat(platform.all()).isEmpty();
  }

  @Test
  void theSignatureVerifiesTheStandardWebhooksWayAndTheIdIsStableAcrossAttempts() throws Exception {
    platform.respond(r -> accepted());
    send(message("hello"));
    send(message("hello"));
    var first = platform.accepted().get(0);
    var second = platform.accepted().get(1);

    String id = first.headers().get("Webhook-id").getFirst();
    String timestamp = first.headers().get("Webhook-timestamp").getFirst();
    assertThat(second.headers().get("Webhook-id")).containsExactly(id);
    assertThat(timestamp).isEqualTo(String.valueOf(NOW.getEpochSecond()));
    // the receiver's check, written out independently of the sender's code
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY_BYTES, "HmacSHA256"));
    String expected =
        "v1,"
            + Base64.getEncoder()
                .encodeToString(
                    mac.doFinal(
                        (id + "." + timestamp + "." + first.body())
                            .getBytes(StandardCharsets.UTF_8)));
    assertThat(first.headers().get("Webhook-signature")).containsExactly(expected);
  }
}
