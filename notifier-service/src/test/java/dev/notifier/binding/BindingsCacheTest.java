package dev.notifier.binding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.Channels;
import dev.notifier.secrets.SecretCipher;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The settings cache against a real PostgreSQL, on the service's clock. */
class BindingsCacheTest {

  private static final Instant NOON = Instant.parse("2027-11-07T12:00:00Z");

  private final TestWorld world = new TestWorld();

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void aCopyIsKeptForItsTtlAndDroppedWhenTheClockIsSetBack() {
    world.clock().set(NOON);
    Bindings bindings = bindings(Duration.ofMinutes(5));
    assertThat(bindings.settings().enabled()).isFalse();

    // a change by another instance is seen once the copy is older than its TTL
    world.jdbc().sql("UPDATE notification_settings SET enabled = TRUE").update();
    assertThat(bindings.settings().enabled()).isFalse();
    world.clock().advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(bindings.settings().enabled()).isTrue();

    // and at once when the clock goes back (NTP, an operator): a copy from the future is stale,
    // not fresh for the hour the clock went back
    world.jdbc().sql("UPDATE notification_settings SET enabled = FALSE").update();
    world.clock().set(NOON.minus(Duration.ofHours(1)));
    assertThat(bindings.settings().enabled()).isFalse();
  }

  private Bindings bindings(Duration ttl) {
    SecretCipher cipher = SecretCipher.of(TestWorld.SECRET_KEY);
    BindingStore store =
        new BindingStore(
            world.jdbc(),
            JsonMapper.builder().build(),
            cipher,
            new SealedSecretsCheck(new JdbcTemplate(world.dataSource()), cipher),
            world.clock(),
            new Channels(List.of()));
    return new Bindings(store, new BindingProperties(ttl), world.clock());
  }
}
