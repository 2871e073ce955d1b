package dev.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A task's notification type is the enum from the moment the task is read: on the wire it is the
 * wire name tasks have always carried, and a name no type has is refused when the task is read (the
 * listener dead-letters it as malformed), not carried on as text.
 */
class DeliveryTaskJsonTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void theTypeTravelsAsItsWireName() {
    DeliveryTask task =
        new DeliveryTask(
            "n-1",
            NotificationType.COST_ALERT,
            7,
            Instant.parse("2026-12-07T10:00:00Z"),
            new Message("t", Level.INFO, List.of(), "f", Map.of()));

    String written = json.writeValueAsString(task);

    assertThat(written).contains("\"notificationType\":\"cost_alert\"");
    assertThat(json.readValue(written, DeliveryTask.class)).isEqualTo(task);
  }

  @Test
  void anUnknownTypeIsRefusedByName() {
    String written =
        """
        {"notificationId": "n-1", "notificationType": "pager_duty", "targetId": 7,
         "createdAt": "2026-12-07T10:00:00Z",
         "message": {"title": "t", "level": "INFO", "blocks": [], "footer": "f", "variables": {}}}""";

    assertThatThrownBy(() -> json.readValue(written, DeliveryTask.class))
        .hasMessageContaining("unknown notification type: pager_duty");
  }
}
