package dev.notifier.ops;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** "kafka" in /actuator/health: the cluster answers within two seconds and has brokers. */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

  private final AdminClient admin;

  KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
    super("Kafka health check failed");
    this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    DescribeClusterResult cluster =
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000));
    Collection<Node> nodes = cluster.nodes().get(2, TimeUnit.SECONDS);
    String clusterId = cluster.clusterId().get(2, TimeUnit.SECONDS);
    if (nodes.isEmpty()) {
      builder.down().withDetail("brokers", 0);
    } else {
      builder.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
