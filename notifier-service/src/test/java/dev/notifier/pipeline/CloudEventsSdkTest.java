package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events published with the official CloudEvents SDK ({@code cloudevents-kafka}), in both modes of
 * the Kafka protocol binding, reach the chat; one the SDK sends without a required attribute lands
 * in the DLT with its headers and value as they were.
 */
class CloudEventsSdkTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();

  @BeforeEach
  void setUp() {
    world.bindTarget("ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "circuit_breaker");
    world.start();
  }

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void binaryModeTheSdksDefaultIsDelivered() {
    try (KafkaProducer<String, CloudEvent> producer = producer(Encoding.BINARY)) {
      producer.send(record(breaker(71, "application/json").build())).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    assertThat(wecom.accepted().getFirst().body()).contains("(ID: 71)");
  }

  @Test
  void structuredModeWithACharsetParameterIsDelivered() {
    try (KafkaProducer<String, CloudEvent> producer = producer(Encoding.STRUCTURED)) {
      producer.send(record(breaker(72, "application/json; charset=utf-8").build())).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    assertThat(wecom.accepted().getFirst().body()).contains("(ID: 72)");
  }

  @Test
  void aBinaryEventWithoutItsSubjectIsDeadLetteredAsItWasSent() throws Exception {
    CloudEvent noSubject = breaker(73, "application/json").withSubject(null).build();
    ProducerRecord<String, CloudEvent> sent = record(noSubject);
    try (KafkaProducer<String, CloudEvent> producer = producer(Encoding.BINARY)) {
      producer.send(sent).get();
    }
    // and a good one behind it on the same partition
    try (KafkaProducer<String, CloudEvent> producer = producer(Encoding.BINARY)) {
      producer.send(record(breaker(74, "application/json").build())).get();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    List<ConsumerRecord<String, byte[]>> dead = world.readAll(world.eventsTopic() + ".DLT");
    assertThat(dead).hasSize(1);
    ConsumerRecord<String, byte[]> record = dead.getFirst();
    assertThat(header(record, "notifier-reason")).isEqualTo("schema_violation");
    assertThat(header(record, "notifier-detail")).contains("header ce_subject: is required");
    assertThat(header(record, "ce_id")).isEqualTo(noSubject.getId());
    assertThat(header(record, "ce_type")).isEqualTo("llmproxy.circuit_breaker.opened.v1");
    assertThat(header(record, "content-type")).isEqualTo("application/json");
    assertThat(record.value()).isEqualTo(noSubject.getData().toBytes());
    assertThat(record.key()).isEqualTo(sent.key());
  }

  private CloudEventBuilder breaker(long providerId, String contentType) {
    String data =
        """
        {"providerId": %d, "providerName": "SDK provider", "failureCount": 3,
         "retryAt": "2025-01-15T06:30:00Z", "source": "provider"}"""
            .formatted(providerId);
    return CloudEventBuilder.v1()
        .withId(UUID.randomUUID().toString())
        .withSource(URI.create("/llm-proxy/circuit-breaker"))
        .withType("llmproxy.circuit_breaker.opened.v1")
        .withTime(OffsetDateTime.parse("2025-01-15T06:00:00Z"))
        .withSubject("provider:" + providerId)
        .withDataSchema(URI.create("https://schemas.notifier.dev/v1/circuit-breaker-opened.json"))
        .withDataContentType(contentType)
        .withData(data.getBytes(StandardCharsets.UTF_8));
  }

  private ProducerRecord<String, CloudEvent> record(CloudEvent event) {
    // one key for all, so the events of a test share a partition and keep their order
    return new ProducerRecord<>(world.eventsTopic(), "proxy-sdk", event);
  }

  private KafkaProducer<String, CloudEvent> producer(Encoding encoding) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, world.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
    props.put(CloudEventSerializer.ENCODING_CONFIG, encoding);
    if (encoding == Encoding.STRUCTURED) {
      props.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
    }
    return new KafkaProducer<>(props);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
