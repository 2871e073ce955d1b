package dev.notifier.admin;

import dev.notifier.message.NotificationType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every field of the settings row the API shows and takes, with the ranges of the seeds (and of
 * this service's own additions). The column names are the API's names, as README and the seeds call
 * them.
 */
final class SettingsFields {

  private SettingsFields() {}

  static final Map<String, SettingField> ALL = catalog();

  private static Map<String, SettingField> catalog() {
    List<SettingField> fields = new ArrayList<>();
    fields.add(new SettingField.Flag("enabled"));
    fields.add(new SettingField.Flag("use_legacy_mode"));
    for (NotificationType type : NotificationType.values()) {
      fields.add(new SettingField.Flag(type.wireName() + "_enabled"));
    }
    for (NotificationType type : NotificationType.values()) {
      fields.add(new SettingField.WebhookUrl("legacy_" + type.wireName() + "_url"));
    }
    fields.add(new SettingField.Zone("time_zone"));
    fields.add(new SettingField.Choice("locale", Set.of("zh-CN", "en")));
    fields.add(fraction("cost_alert_threshold", "0.5", "1", false));
    fields.add(new SettingField.Levels("cost_alert_levels"));
    fields.add(new SettingField.Whole("cost_check_interval_minutes", 10, 1440));
    fields.add(new SettingField.TimeOfDay("leaderboard_time"));
    fields.add(new SettingField.Whole("leaderboard_top_n", 1, 20));
    fields.add(
        new SettingField.Choice("leaderboard_window", Set.of("previous_day", "rolling_24h")));
    fields.add(new SettingField.Whole("usage_report_top_keys", 1, 50));
    fields.add(new SettingField.Whole("usage_report_trend_days", 1, 90));
    fields.add(new SettingField.Whole("cache_hit_check_interval_minutes", 1, 60));
    fields.add(new SettingField.Whole("cache_hit_window_minutes", 5, 1440));
    fields.add(new SettingField.Whole("cache_hit_baseline_days", 1, 30));
    fields.add(new SettingField.Whole("cache_hit_ttl_seconds", 60, 86_400));
    fields.add(fraction("cache_hit_floor", "0", "1", false));
    fields.add(fraction("cache_hit_drop_absolute", "0", "1", true));
    fields.add(fraction("cache_hit_drop_relative", "0", "1", true));
    fields.add(new SettingField.Whole("cache_hit_min_requests", 1, 1_000_000));
    fields.add(new SettingField.Whole("cache_hit_cooldown_minutes", 1, 1440));
    fields.add(new SettingField.Whole("cache_hit_max_rows", 1, 50));
    Map<String, SettingField> byName = new LinkedHashMap<>();
    fields.forEach(f -> byName.put(f.name(), f));
    return Collections.unmodifiableMap(byName);
  }

  private static SettingField fraction(String name, String min, String max, boolean exclusive) {
    return new SettingField.Fraction(name, new BigDecimal(min), new BigDecimal(max), exclusive);
  }
}
