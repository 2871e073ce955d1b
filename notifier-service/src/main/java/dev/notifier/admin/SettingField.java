package dev.notifier.admin;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One field of the settings row as the API shows and takes it: its name (the column's), what JSON
 * it accepts, and how it is read and written. A value is checked here; the database's own checks
 * stay as the last word.
 */
sealed interface SettingField {

  String name();

  /** The value to store, or the reason it cannot be (never quoting the value: it may be a URL). */
  Parsed parse(JsonNode value);

  /** The value as the API shows it. */
  @Nullable Object read(ResultSet rs) throws SQLException;

  /** How the parameter is written in SQL ({@code :name}, or with a cast). */
  default String placeholder() {
    return ":" + name();
  }

  /** 0.80 as 0.8, and 10 as 10 rather than 1E+1. */
  static BigDecimal plain(BigDecimal n) {
    return new BigDecimal(n.stripTrailingZeros().toPlainString());
  }

  /** Either a value or a problem. */
  record Parsed(@Nullable Object value, @Nullable String problem) {
    static Parsed ok(@Nullable Object value) {
      return new Parsed(value, null);
    }

    static Parsed bad(String problem) {
      return new Parsed(null, problem);
    }
  }

  record Flag(String name) implements SettingField {
    @Override
    public Parsed parse(JsonNode value) {
      return value.isBoolean()
          ? Parsed.ok(value.asBoolean())
          : Parsed.bad("expected true or false");
    }

    @Override
    public Object read(ResultSet rs) throws SQLException {
      return rs.getBoolean(name);
    }
  }

  record Whole(String name, int min, int max) implements SettingField {
    @Override
    public Parsed parse(JsonNode value) {
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        return Parsed.bad("expected a whole number from " + min + " to " + max);
      }
      int n = value.asInt();
      return n < min || n > max ? Parsed.bad("must be from " + min + " to " + max) : Parsed.ok(n);
    }

    @Override
    public Object read(ResultSet rs) throws SQLException {
      return rs.getInt(name);
    }
  }

  /** A decimal in [min, max], or (min, max] when {@code minExclusive}. */
  record Fraction(String name, BigDecimal min, BigDecimal max, boolean minExclusive)
      implements SettingField {
    @Override
    public Parsed parse(JsonNode value) {
      String range = (minExclusive ? "over " + min + " and up to " : "from " + min + " to ") + max;
      if (!value.isNumber()) {
        return Parsed.bad("expected a number " + range);
      }
      BigDecimal n = value.decimalValue();
      boolean low = minExclusive ? n.compareTo(min) <= 0 : n.compareTo(min) < 0;
      if (low || n.compareTo(max) > 0) {
        return Parsed.bad("must be " + range);
      }
      if (n.stripTrailingZeros().scale() > 4) {
        return Parsed.bad("at most four decimal places");
      }
      return Parsed.ok(n);
    }

    @Override
    public Object read(ResultSet rs) throws SQLException {
      return plain(rs.getBigDecimal(name));
    }
  }

  record Choice(String name, Set<String> allowed) implements SettingField {
    @Override
    public Parsed parse(JsonNode value) {
      return value.isString() && allowed.contains(value.asString())
          ? Parsed.ok(value.asString())
          : Parsed.bad("expected one of " + String.join(", ", allowed.stream().sorted().toList()));
    }

    @Override
    public Object read(ResultSet rs) throws SQLException {
      return rs.getString(name);
    }
  }

  record TimeOfDay(String name) implements SettingField {
    @Override
    public Parsed parse(JsonNode value) {
      return value.isString() && value.asString().matches("([01][0-9]|2[0-3]):[0-5][0-9]")
          ? Parsed.ok(value.asString())
          : Parsed.bad("expected a time as HH:mm, 00:00 to 23:59");
    }

    @Override
    public Object read(ResultSet rs) throws SQLException {
      return rs.getString(name);
    }
  }

  record Zone(String name) implements SettingField {
    @Override
    public Parsed parse(JsonNode value) {
      // the tz database's names (Asia/Shanghai, UTC), not offsets such as GMT+8 that know no DST
      return value.isString() && ZoneId.getAvailableZoneIds().contains(value.asString())
          ? Parsed.ok(value.asString())
          : Parsed.bad("expected an IANA time zone such as Asia/Shanghai");
    }

    @Override
    public Object read(ResultSet rs) throws SQLException {
      return rs.getString(name);
    }
  }

  /** A webhook URL (its key is a secret): shown masked, taken as http(s) or null to remove. */
  record WebhookUrl(String name) implements SettingField {
    @Override
    public Parsed parse(JsonNode value) {
      if (value.isNull()) {
        return Parsed.ok(null);
      }
      if (!value.isString()) {
        return Parsed.bad("expected an http:// or https:// URL, or null");
      }
      String url = value.asString().trim();
      if (url.equals(TargetView.MASK) || url.contains(TargetView.MASK)) {
        return Parsed.bad("send the whole URL, not the masked one, or leave the field out");
      }
      return url.matches("(?i)https?://[^\\s/]+.*") && url.length() <= 2048
          ? Parsed.ok(url)
          : Parsed.bad("expected an http:// or https:// URL, or null");
    }

    @Override
    public @Nullable Object read(ResultSet rs) throws SQLException {
      return TargetView.maskUrl(rs.getString(name));
    }
  }

  /** The cost alert levels above the threshold: ascending fractions of the quota. */
  record Levels(String name) implements SettingField {
    @Override
    public Parsed parse(JsonNode value) {
      if (!value.isArray() || value.size() > 10) {
        return Parsed.bad("expected a list of at most 10 numbers over 0.5 and up to 10");
      }
      List<String> levels = new ArrayList<>();
      BigDecimal previous = null;
      for (JsonNode level : value) {
        if (!level.isNumber()) {
          return Parsed.bad("expected a list of numbers");
        }
        BigDecimal n = level.decimalValue();
        if (n.compareTo(new BigDecimal("0.5")) <= 0 || n.compareTo(BigDecimal.TEN) > 0) {
          return Parsed.bad("each level must be over 0.5 and up to 10");
        }
        if (n.stripTrailingZeros().scale() > 4) {
          return Parsed.bad("at most four decimal places");
        }
        if (previous != null && n.compareTo(previous) <= 0) {
          return Parsed.bad("levels must rise");
        }
        previous = n;
        levels.add(n.toPlainString());
      }
      return Parsed.ok("{" + String.join(",", levels) + "}");
    }

    @Override
    public Object read(ResultSet rs) throws SQLException {
      List<BigDecimal> out = new ArrayList<>();
      for (BigDecimal level : (BigDecimal[]) rs.getArray(name).getArray()) {
        out.add(plain(level));
      }
      return out;
    }

    @Override
    public String placeholder() {
      return "CAST(:" + name + " AS numeric[])";
    }
  }
}
