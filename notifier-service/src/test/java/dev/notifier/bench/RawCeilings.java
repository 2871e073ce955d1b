package dev.notifier.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the same machine does with no notifier in the way: the ceilings the service is compared
 * with.
 */
final class RawCeilings {

  private RawCeilings() {}

  /**
   * A bare consumer reading and parsing {@code n} JSON events of about 600 bytes; records per
   * second.
   */
  static double kafkaConsumer(String bootstrap, String topic, byte[] event, int n)
      throws Exception {
    try (AdminClient admin = AdminClient.create(java.util.Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    try (CheckedSends producer = new CheckedSends(bulkProducer(bootstrap), "raw consumer topic")) {
      for (int i = 0; i < n; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + (i % 64), event));
      }
      producer.flush();
    }
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + System.nanoTime());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    JsonMapper json = JsonMapper.builder().build();
    long read = 0;
    long start = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (read < n && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (read == 0) {
            start = System.nanoTime();
          }
          json.readTree(r.value());
          read++;
        }
      }
    }
    if (read < n) {
      throw new IllegalStateException(
          "raw consumer read " + read + " of " + n + " records in 120 s");
    }
    return read / ((System.nanoTime() - start) / 1e9);
  }

  /** A producer for filling a topic ahead of a measurement: large batches, a short linger. */
  static KafkaProducer<String, byte[]> bulkProducer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // one request in flight per connection: the embedded broker answered
    // OUT_OF_ORDER_SEQUENCE_NUMBER
    // to a bulk load with five, and the records of the rejected batches were lost
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return new KafkaProducer<>(p);
  }

  /**
   * A bare JDK HttpClient posting to the sink with {@code inFlight} requests outstanding; POSTs per
   * second.
   */
  static double httpClient(String url, byte[] body, Duration duration, int inFlight)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    while (System.nanoTime() < end) {
      slots.acquire();
      CompletableFuture<HttpResponse<Void>> f =
          client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
      f.whenComplete(
          (r, e) -> {
            if (e == null) {
              done.incrementAndGet();
            }
            slots.release();
          });
    }
    slots.acquire(inFlight);
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  static byte[] sixHundredBytes(byte[] example) {
    String s = new String(example, StandardCharsets.UTF_8);
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
