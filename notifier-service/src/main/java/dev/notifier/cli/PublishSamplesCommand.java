package dev.notifier.cli;

import dev.notifier.base.Topics;
import dev.notifier.ingest.SamplePublisher;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ProducerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code notifier publish-samples}: the contract's example event of every type, fresh, published as
 * an upstream producer would (keyed by subject): a breaker alert, its recovery, a cost alert and a
 * usage record, for trying a run end to end.
 */
@Command(
    name = "publish-samples",
    mixinStandardHelpOptions = true,
    description = "Publishes one fresh example event of every type to the events topic.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:published", "2:wrong arguments", "3:the broker could not be reached"})
final class PublishSamplesCommand implements Callable<Integer> {

  @Spec @Nullable CommandSpec spec;

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Override
  public Integer call() {
    PrintWriter out = Specs.out(spec);
    try (ConfigurableApplicationContext context = kafka.start(Map.of());
        Producer<Object, Object> producer =
            context.getBean(ProducerFactory.class).createProducer()) {
      String topic = context.getBean(Topics.class).events();
      for (SamplePublisher.Sample sample : SamplePublisher.samples(Operator.now())) {
        producer
            .send(
                new ProducerRecord<>(
                    topic, sample.key(), sample.json().getBytes(StandardCharsets.UTF_8)))
            .get(30, TimeUnit.SECONDS);
        out.println(
            "published "
                + sample.type().wireName()
                + " to "
                + topic
                + " (key "
                + sample.key()
                + ")");
      }
      return 0;
    } catch (Exception e) {
      Specs.err(spec).println("publish-samples: the broker could not take them: " + e);
      return Specs.UNREACHABLE;
    }
  }
}
