package dev.notifier.channel.telegram;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.ChartPictures;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.HttpReply;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.MentionRules;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.SentParts;
import dev.notifier.chart.ChartImages;
import dev.notifier.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends HTML to a Telegram chat through the Bot API. The target's {@code secret} is the bot token,
 * its {@code url} the Bot API base (for a local Bot API server; {@code https://api.telegram.org}
 * when empty), its {@code config} holds {@code chat_id} and, for forum topics, {@code
 * message_thread_id}. A message over 4096 characters goes as several, in order, and a message's
 * charts follow as photos; if a later part fails, the retry sends only the parts not yet accepted.
 */
@Component
class TelegramSender implements ChannelSender {

  static final String DEFAULT_API = "https://api.telegram.org";

  private final HttpTransport http;
  private final JsonMapper json;
  private final SentParts sentParts;
  private final ChartImages charts;

  TelegramSender(HttpTransport http, JsonMapper json, Clock clock, ChartImages charts) {
    this.http = http;
    this.json = json;
    this.sentParts = new SentParts(clock);
    this.charts = charts;
  }

  @Override
  public List<MentionRules.Rule> mentionRules() {
    return TelegramMentions.RULES;
  }

  @Override
  public String channel() {
    return "telegram";
  }

  @Override
  public Class<TelegramConfig> configType() {
    return TelegramConfig.class;
  }

  /**
   * https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this: about 1 a
   * second per chat, 20 a minute per group.
   */
  @Override
  public List<RateLimit> rateLimits() {
    return QUOTA;
  }

  private static final List<RateLimit> QUOTA =
      List.of(RateLimit.perSecond(1), RateLimit.perMinute(20));

  /** Each part of the text, and one photo per chart. */
  @Override
  public int requests(Message message) {
    return TelegramHtml.parts(message).size() + message.charts().size();
  }

  /** The message's parts, the last ending with the mentions; room is kept for them. */
  private static List<String> withMentions(Message message, String mentions) {
    if (mentions.isEmpty()) {
      return TelegramHtml.parts(message);
    }
    List<String> parts =
        new ArrayList<>(
            TelegramHtml.parts(message, TelegramHtml.MAX_CHARS - mentions.length() - 2));
    parts.set(parts.size() - 1, parts.getLast() + "\n\n" + mentions);
    return parts;
  }

  @Override
  public List<ConfigProblem> check(Destination target) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (target.url() != null && !ChannelSender.isWebUrl(target.url())) {
      problems.add(new ConfigProblem("url", "expected the Bot API's http(s):// base URL, or none"));
    }
    if (target.secret() == null || target.secret().isBlank()) {
      problems.add(new ConfigProblem("secret", "required: the bot token"));
    } else if (!target.secret().matches("[0-9]{1,20}:[A-Za-z0-9_-]{30,100}")) {
      problems.add(
          new ConfigProblem(
              "secret",
              "expected a bot token as BotFather gives it: digits, a colon, 30+ characters"));
    }
    if (target.config(TelegramConfig.class).chatId() == null) {
      problems.add(
          new ConfigProblem("config.chat_id", "required: a chat id (number) or @channelusername"));
    }
    return problems;
  }

  @Override
  public SendOutcome send(Destination destination, Message message) {
    TelegramConfig config = destination.config(TelegramConfig.class);
    TelegramConfig.Chat chat = config.chatId();
    String token = destination.secret();
    if (chat == null || token == null || token.isBlank()) {
      return Failed.permanent(
          FailureReason.BAD_CONFIG, "a telegram target needs a bot token (secret) and a chat_id");
    }
    String base =
        destination.url() == null || destination.url().isBlank() ? DEFAULT_API : destination.url();
    String api = base.replaceAll("/+$", "") + "/bot" + token;
    List<String> secrets = destination.secrets();
    String mentions = TelegramMentions.line(destination.mentions());
    List<String> texts = withMentions(message, mentions);
    List<ChartPictures.Picture> pictures =
        ChartPictures.of(message, charts, TelegramLimits.PHOTO_MAX_BYTES, channel());
    String key =
        SentParts.messageKey(
            destination.id(), String.join("\n", texts) + ChartPictures.key(message));
    Long thread = config.threadId();
    List<Supplier<SendOutcome>> parts = new ArrayList<>();
    for (String text : texts) {
      parts.add(
          () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("chat_id", chat.value());
            if (thread != null) {
              body.put("message_thread_id", thread);
            }
            body.put("text", text);
            body.put("parse_mode", "HTML");
            body.put("link_preview_options", Map.of("is_disabled", true));
            return http.postJson(
                destination,
                api + "/sendMessage",
                json.writeValueAsString(body),
                Map.of(),
                secrets,
                reply -> judge(reply, secrets));
          });
    }
    for (ChartPictures.Picture picture : pictures) {
      parts.add(() -> sendPhoto(destination, api, chat, thread, picture, secrets));
    }
    return sentParts.sendAll(key, parts);
  }

  /**
   * https://core.telegram.org/bots/api#sendphoto, uploaded as multipart/form-data; the caption is
   * plain text (no parse mode), so nothing in it needs escaping.
   */
  private SendOutcome sendPhoto(
      Destination destination,
      String api,
      TelegramConfig.Chat chat,
      @Nullable Long thread,
      ChartPictures.Picture picture,
      List<String> secrets) {
    List<HttpTransport.FormPart> form = new ArrayList<>();
    form.add(HttpTransport.FormPart.text("chat_id", String.valueOf(chat)));
    if (thread != null) {
      form.add(HttpTransport.FormPart.text("message_thread_id", String.valueOf(thread)));
    }
    form.add(HttpTransport.FormPart.text("caption", picture.chart().title()));
    form.add(HttpTransport.FormPart.file("photo", picture.png(), "image/png", picture.fileName()));
    return http.postMultipart(
        destination, api + "/sendPhoto", form, Map.of(), secrets, reply -> judge(reply, secrets));
  }

  /** The Bot API answers {@code {"ok":…}} with the status mirrored in {@code error_code}. */
  private SendOutcome judge(HttpReply reply, List<String> secrets) {
    JsonNode answer;
    try {
      answer = json.readTree(reply.body());
    } catch (RuntimeException e) {
      answer = null;
    }
    if (answer != null && answer.path("ok").asBoolean(false) && reply.isSuccess()) {
      return SendOutcome.delivered();
    }
    var statusFailure = HttpTransport.classifyStatus(reply, secrets);
    if (statusFailure.isEmpty()) {
      return HttpTransport.unreadable(reply, secrets);
    }
    Failed failure = statusFailure.get();
    if (answer != null && answer.at("/parameters/retry_after").isNumber()) {
      return new Failed(
          failure.disposition(),
          failure.reason(),
          failure.detail(),
          Duration.ofSeconds(answer.at("/parameters/retry_after").asLong()));
    }
    return failure;
  }
}
