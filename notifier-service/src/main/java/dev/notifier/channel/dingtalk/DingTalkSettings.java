package dev.notifier.channel.dingtalk;

import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.SendOutcome.Failed;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks a DingTalk target's settings on save. A robot with the "custom keywords" security setting
 * refuses every message that contains none of its keywords (errcode 310000), and only DingTalk
 * knows those keywords: so when a target names one, saving it sends a check message carrying it,
 * and a refusal is reported against {@code config.keyword} instead of failing every alert later.
 */
final class DingTalkSettings {

  private DingTalkSettings() {}

  /** What is wrong with the target without asking DingTalk. */
  static List<ConfigProblem> check(Destination target) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (!hasAccessToken(target.url())) {
      problems.add(
          new ConfigProblem(
              "url",
              "expected the robot's webhook, https://oapi.dingtalk.com/robot/send?access_token=..."));
    }
    if (target.secret() != null && !target.secret().matches("SEC[0-9a-fA-F]{64}")) {
      problems.add(
          new ConfigProblem(
              "secret", "expected the robot's signing secret: SEC followed by 64 hex digits"));
    }
    String keyword = target.config(DingTalkConfig.class).keyword();
    if (keyword != null) {
      if (keyword.isBlank()) {
        problems.add(new ConfigProblem("config.keyword", "must be a non-empty string"));
      } else if (!keyword.equals(keyword.strip())
          || keyword.contains("\n")
          || keyword.contains("\r")) {
        // DingTalk matches the keyword as written; spaces or a line break around it would make
        // the text contain something other than the robot's keyword.
        problems.add(
            new ConfigProblem(
                "config.keyword", "must not start or end with spaces or contain a line break"));
      }
    }
    return problems;
  }

  /**
   * The setting a refusal of the check message points at. errcode 310000 covers the keyword, the
   * signature and the IP allow-list alike; only its message tells them apart.
   */
  static ConfigProblem blame(Failed refusal, String keyword) {
    String detail = refusal.detail();
    String lower = detail.toLowerCase(Locale.ROOT);
    if (lower.contains("keyword") || detail.contains("关键词")) {
      return new ConfigProblem(
          "config.keyword",
          "DingTalk refused a message containing \""
              + keyword
              + "\", so it is not one of the robot's keywords ("
              + detail
              + ")");
    }
    if (lower.contains("sign")) {
      return new ConfigProblem(
          "secret",
          "DingTalk refused the signature; check the robot's signing secret (" + detail + ")");
    }
    if (lower.contains("whitelist") || detail.contains("白名单")) {
      return new ConfigProblem(
          "url", "DingTalk refused this notifier's IP address for the robot (" + detail + ")");
    }
    return new ConfigProblem("url", "DingTalk refused the check message (" + detail + ")");
  }

  private static boolean hasAccessToken(@Nullable String url) {
    if (url == null || url.isBlank()) {
      return false;
    }
    try {
      String query = URI.create(url.trim()).getRawQuery();
      if (query == null) {
        return false;
      }
      for (String pair : query.split("&")) {
        if (pair.startsWith("access_token=") && pair.length() > "access_token=".length()) {
          return true;
        }
      }
      return false;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
