package dev.notifier.binding;

import dev.notifier.channel.Channels;
import dev.notifier.message.NotificationType;
import dev.notifier.secrets.SecretCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Reads the three binding tables in one consistent snapshot. */
@Repository
class BindingStore {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SecretCipher cipher;
  private final Clock clock;
  private final BindingRoutes routes;
  private final Channels channels;

  /** {@code checked}: every target's secrets open, checked before they are first read here. */
  BindingStore(
      JdbcClient jdbc,
      JsonMapper json,
      SecretCipher cipher,
      SealedSecretsCheck checked,
      Clock clock,
      Channels channels) {
    this.channels = channels;
    this.routes = new BindingRoutes(json);
    this.cipher = cipher;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  @Transactional(
      readOnly = true,
      isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
  BindingSnapshot load() {
    // A copy is as old as its first read: stamped after its reads, a copy begun before a change
    // (and before the clock moved past it) passed for fresh for a whole TTL.
    Instant loadedAt = clock.instant();
    SettingsRow row =
        jdbc.sql(
                """
                SELECT enabled, circuit_breaker_enabled, cost_alert_enabled, daily_leaderboard_enabled,
                       usage_report_enabled, cost_alert_threshold, cost_alert_levels,
                       cost_check_interval_minutes, time_zone, locale,
                       leaderboard_time, leaderboard_top_n, leaderboard_window, use_legacy_mode,
                       usage_report_top_keys, usage_report_trend_days, legacy_circuit_breaker_url,
                       legacy_cost_alert_url, legacy_daily_leaderboard_url, legacy_usage_report_url,
                       cache_hit_alert_enabled, legacy_cache_hit_alert_url, cache_hit_check_interval_minutes,
                       cache_hit_window_minutes, cache_hit_baseline_days, cache_hit_ttl_seconds, cache_hit_floor,
                       cache_hit_drop_absolute, cache_hit_drop_relative, cache_hit_min_requests,
                       cache_hit_cooldown_minutes, cache_hit_max_rows
                FROM notification_settings WHERE id = 1""")
            .query(
                (rs, n) -> {
                  Set<NotificationType> on = EnumSet.noneOf(NotificationType.class);
                  if (rs.getBoolean("circuit_breaker_enabled"))
                    on.add(NotificationType.CIRCUIT_BREAKER);
                  if (rs.getBoolean("cost_alert_enabled")) on.add(NotificationType.COST_ALERT);
                  if (rs.getBoolean("daily_leaderboard_enabled"))
                    on.add(NotificationType.DAILY_LEADERBOARD);
                  if (rs.getBoolean("usage_report_enabled")) on.add(NotificationType.USAGE_REPORT);
                  if (rs.getBoolean("cache_hit_alert_enabled"))
                    on.add(NotificationType.CACHE_HIT_ALERT);
                  Settings settings =
                      new Settings(
                          rs.getBoolean("enabled"),
                          on,
                          rs.getBigDecimal("cost_alert_threshold"),
                          List.of(
                              (java.math.BigDecimal[]) rs.getArray("cost_alert_levels").getArray()),
                          rs.getInt("cost_check_interval_minutes"),
                          rs.getString("time_zone"),
                          rs.getString("locale"),
                          rs.getString("leaderboard_time"),
                          rs.getInt("leaderboard_top_n"),
                          "rolling_24h".equals(rs.getString("leaderboard_window")),
                          rs.getInt("usage_report_top_keys"),
                          rs.getInt("usage_report_trend_days"),
                          cacheHit(rs),
                          rs.getBoolean("use_legacy_mode"));
                  return new SettingsRow(settings, legacy(rs));
                })
            .single();
    Map<Long, Target> targets =
        jdbc
            .sql("SELECT " + TargetRow.COLUMNS + " FROM webhook_targets")
            .query((rs, n) -> TargetRow.read(rs, json, cipher))
            .list()
            .stream()
            .collect(
                Collectors.toMap(Target::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    List<Binding> bindings =
        jdbc
            .sql(
                """
                SELECT id, notification_type, target_id, enabled, schedule_cron, schedule_timezone, created_at,
                       filters, mute, mentions, backup_target_id, template_override, locale
                  FROM notification_bindings ORDER BY id""")
            .query(
                (rs, n) ->
                    new RawBinding(
                        rs.getLong("id"),
                        rs.getString("notification_type"),
                        rs.getLong("target_id"),
                        rs.getBoolean("enabled"),
                        rs.getString("schedule_cron"),
                        rs.getString("schedule_timezone"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("filters"),
                        rs.getString("mute"),
                        rs.getString("mentions"),
                        rs.getObject("backup_target_id", Long.class),
                        rs.getString("template_override"),
                        rs.getString("locale")))
            .list()
            .stream()
            // A type this version does not know (written by a newer instance) is ignored, not
            // fatal.
            .flatMap(
                b ->
                    NotificationType.fromWireName(b.type())
                        .map(
                            t ->
                                routes.read(
                                    new Binding(
                                        b.id(),
                                        t,
                                        b.targetId(),
                                        b.enabled(),
                                        blankToNull(b.cron()),
                                        blankToNull(b.zone()),
                                        b.createdAt()),
                                    b.locale(),
                                    b.filters(),
                                    b.mute(),
                                    b.mentions(),
                                    b.backupTargetId(),
                                    b.template()))
                        .stream())
            .toList();
    return BindingSnapshot.of(row.settings(), targets, bindings, row.legacy(), loadedAt, channels);
  }

  private static CacheHitSettings cacheHit(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new CacheHitSettings(
        java.time.Duration.ofMinutes(rs.getInt("cache_hit_check_interval_minutes")),
        java.time.Duration.ofMinutes(rs.getInt("cache_hit_window_minutes")),
        rs.getInt("cache_hit_baseline_days"),
        java.time.Duration.ofSeconds(rs.getInt("cache_hit_ttl_seconds")),
        rs.getBigDecimal("cache_hit_floor"),
        rs.getBigDecimal("cache_hit_drop_absolute"),
        rs.getBigDecimal("cache_hit_drop_relative"),
        rs.getInt("cache_hit_min_requests"),
        java.time.Duration.ofMinutes(rs.getInt("cache_hit_cooldown_minutes")),
        rs.getInt("cache_hit_max_rows"));
  }

  /** The settings row as read: the settings, and each type's legacy URL as a target. */
  private record SettingsRow(Settings settings, Map<NotificationType, Target> legacy) {}

  /** Each type's legacy URL as a target: ids -1 (circuit breaker) to -5 (cache-hit alert). */
  private static Map<NotificationType, Target> legacy(java.sql.ResultSet rs)
      throws java.sql.SQLException {
    Map<NotificationType, Target> legacy = new java.util.EnumMap<>(NotificationType.class);
    for (NotificationType type : NotificationType.values()) {
      String url = rs.getString("legacy_" + type.wireName() + "_url");
      if (url != null && !url.isBlank()) {
        legacy.put(type, LegacyPlatforms.target(-(type.ordinal() + 1), type.wireName(), url));
      }
    }
    return legacy;
  }

  private record RawBinding(
      long id,
      String type,
      long targetId,
      boolean enabled,
      @Nullable String cron,
      @Nullable String zone,
      Instant createdAt,
      @Nullable String filters,
      @Nullable String mute,
      @Nullable String mentions,
      @Nullable Long backupTargetId,
      @Nullable String template,
      @Nullable String locale) {}

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
