package dev.notifier.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.testing.AdminClient;
import dev.notifier.testing.TestWorld;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard asks only for what the service exposes: every metric a panel queries is in
 * a freshly started service's {@code /actuator/prometheus}, and the panels cover what ops watch.
 */
class GrafanaDashboardTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:notifier|jvm|kafka)_[a-z0-9_]+)\\b");

  private final TestWorld world = new TestWorld();

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void everyMetricAPanelQueriesIsExposed() throws Exception {
    JsonNode dashboard =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(ROOT.resolve("deploy/grafana/dashboards/notifier.json")));
    List<String> titles = new ArrayList<>();
    Set<String> metrics = new LinkedHashSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      titles.add(panel.get("title").asString());
      assertThat(panel.at("/datasource/uid").asString()).isEqualTo("prometheus");
      for (JsonNode target : panel.get("targets")) {
        Matcher m = METRIC.matcher(target.get("expr").asString());
        while (m.find()) {
          metrics.add(m.group(1));
        }
      }
    }
    assertThat(titles)
        .contains(
            "Events by type and outcome",
            "Deliveries by channel and final outcome",
            "End-to-end latency (event to platform)",
            "Retries by channel and reason",
            "Dead-lettered by channel and reason",
            "Held deliveries",
            "Consumer lag",
            "JVM memory");

    HttpResponse<String> scrape =
        new AdminClient(world.start(), null).call("GET", "/actuator/prometheus", null);
    assertThat(scrape.statusCode()).isEqualTo(200);
    Set<String> exposed = new LinkedHashSet<>();
    for (String line : scrape.body().split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        exposed.add(line.split("[{ ]", 2)[0]);
      }
    }
    assertThat(metrics).hasSizeGreaterThan(10);
    for (String metric : metrics) {
      assertThat(exposed).as("%s, queried by the dashboard", metric).contains(metric);
    }
  }

  /**
   * Every panel's query is PromQL Prometheus accepts: checked by promtool as recording rules, with
   * Grafana's interval variables put to plain durations.
   */
  @Test
  void everyQueryIsValidPromQl() throws Exception {
    DeployFilesTest.requireTool("promtool");
    JsonNode dashboard =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(ROOT.resolve("deploy/grafana/dashboards/notifier.json")));
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int n = 0;
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        String expr =
            target
                .get("expr")
                .asString()
                .replace("$__rate_interval", "5m")
                .replace("$__range", "1h")
                .replace("'", "''");
        rules.append("      - record: dashboard:q").append(n++).append('\n');
        rules.append("        expr: '").append(expr).append("'\n");
      }
    }
    Path file = Files.createTempFile("dashboard-rules", ".yml");
    try {
      Files.writeString(file, rules);
      DeployFilesTest.Result checked =
          DeployFilesTest.run(List.of("promtool", "check", "rules", file.toString()));
      assertThat(checked.exit()).as(checked.output()).isZero();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The provisioning names the datasource the panels use, and the folder compose mounts. */
  @Test
  void provisioningMatchesTheDashboardAndCompose() throws Exception {
    String datasource =
        Files.readString(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
    assertThat(datasource).contains("uid: prometheus", "url: http://prometheus:9090");
    String provider =
        Files.readString(ROOT.resolve("deploy/grafana/provisioning/dashboards/notifier.yml"));
    assertThat(provider).contains("path: /var/lib/grafana/dashboards");
    assertThat(Files.readString(ROOT.resolve("docker-compose.yml")))
        .contains(
            "./deploy/grafana/provisioning:/etc/grafana/provisioning",
            "./deploy/grafana/dashboards:/var/lib/grafana/dashboards");
  }
}
