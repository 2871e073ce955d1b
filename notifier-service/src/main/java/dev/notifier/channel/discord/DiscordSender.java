package dev.notifier.channel.discord;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.ChartPictures;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.HttpReply;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.chart.ChartImages;
import dev.notifier.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts an embed to a Discord webhook. Success is 204 (or 200 with the created message); a 429
 * carries {@code retry_after} in seconds, fractional, in its JSON body, which is more precise than
 * the header and is what is honoured; other 4xx ({@code 50035} invalid form, {@code 50006} empty)
 * are permanent. A message with charts goes as one multipart request, the pictures attached.
 */
@Component
class DiscordSender implements ChannelSender {

  private final HttpTransport http;
  private final JsonMapper json;
  private final ChartImages charts;

  DiscordSender(HttpTransport http, JsonMapper json, ChartImages charts) {
    this.http = http;
    this.json = json;
    this.charts = charts;
  }

  @Override
  public String channel() {
    return "discord";
  }

  /**
   * https://discord.com/developers/docs/topics/rate-limits: per-route buckets announced in
   * X-RateLimit-*; 5 per 2 s and 30 a minute per webhook are the commonly observed values
   * (unverified), so a target may override them.
   */
  @Override
  public List<RateLimit> rateLimits() {
    return QUOTA;
  }

  private static final List<RateLimit> QUOTA =
      List.of(new RateLimit(5, Duration.ofSeconds(2)), RateLimit.perMinute(30));

  @Override
  public SendOutcome send(Destination destination, Message message) {
    List<ChartPictures.Picture> pictures =
        ChartPictures.of(message, charts, DiscordLimits.FILE_MAX_BYTES, channel());
    if (pictures.isEmpty()) {
      String body = json.writeValueAsString(DiscordEmbed.body(message));
      return http.postJson(destination, body, this::judge);
    }
    return withFiles(destination, message, pictures);
  }

  /**
   * The embed and its charts in one request, so they arrive as one message or not at all:
   * multipart/form-data with the JSON in {@code payload_json} and each picture as {@code files[n]},
   * declared in {@code attachments}. https://discord.com/developers/docs/reference#uploading-files
   */
  private SendOutcome withFiles(
      Destination destination, Message message, List<ChartPictures.Picture> pictures) {
    List<ChartPictures.Picture> files =
        pictures.subList(0, Math.min(pictures.size(), DiscordLimits.MAX_FILES));
    Map<String, Object> payload = new LinkedHashMap<>(DiscordEmbed.body(message));
    List<Map<String, Object>> attachments = new ArrayList<>();
    List<HttpTransport.FormPart> form = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      ChartPictures.Picture picture = files.get(i);
      Map<String, Object> attachment = new LinkedHashMap<>();
      attachment.put("id", i);
      attachment.put("filename", picture.fileName());
      attachment.put("description", picture.chart().title());
      attachments.add(attachment);
      form.add(
          HttpTransport.FormPart.file(
              "files[" + i + "]", picture.png(), "image/png", picture.fileName()));
    }
    payload.put("attachments", attachments);
    form.addFirst(HttpTransport.FormPart.json("payload_json", json.writeValueAsString(payload)));
    List<String> secrets = destination.secrets();
    return http.postMultipart(
        destination,
        destination.requireUrl(),
        form,
        Map.of(),
        secrets,
        reply -> judge(reply, secrets));
  }

  private SendOutcome judge(HttpReply reply, List<String> secrets) {
    var statusFailure = HttpTransport.classifyStatus(reply, secrets);
    if (statusFailure.isEmpty()) {
      // 204 is Discord's answer; a 200 is one only when it carries the created message
      if (reply.status() != 204 && !createdMessage(reply)) {
        return HttpTransport.unreadable(reply, secrets);
      }
      return emptyBucket(reply) instanceof Duration quiet
          ? SendOutcome.deliveredThenQuiet(quiet)
          : SendOutcome.delivered();
    }
    Failed failure = statusFailure.get();
    if (reply.status() == 429 && retryAfter(reply) instanceof Duration wait) {
      return new Failed(failure.disposition(), FailureReason.RATE_LIMITED, failure.detail(), wait);
    }
    return failure;
  }

  /**
   * Discord announces its bucket on every answer: with {@code X-RateLimit-Remaining: 0}, the next
   * request before {@code X-RateLimit-Reset-After} seconds would earn a 429.
   * https://discord.com/developers/docs/topics/rate-limits#header-format
   */
  private static @Nullable Duration emptyBucket(HttpReply reply) {
    String remaining = reply.headers().firstValue("X-RateLimit-Remaining").orElse("");
    String resetAfter = reply.headers().firstValue("X-RateLimit-Reset-After").orElse("");
    if (!remaining.trim().equals("0") || resetAfter.isBlank()) {
      return null;
    }
    try {
      return Duration.ofMillis((long) Math.ceil(Double.parseDouble(resetAfter.trim()) * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private boolean createdMessage(HttpReply reply) {
    try {
      JsonNode answer = json.readTree(reply.body());
      return answer != null && answer.has("id");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private @Nullable Duration retryAfter(HttpReply reply) {
    try {
      JsonNode answer = json.readTree(reply.body());
      if (answer != null && answer.path("retry_after").isNumber()) {
        return Duration.ofMillis((long) Math.ceil(answer.get("retry_after").asDouble() * 1000));
      }
    } catch (RuntimeException e) {
      // not JSON: the header, if any, already spoke
    }
    return null;
  }
}
