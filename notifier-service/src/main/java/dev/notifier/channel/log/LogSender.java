package dev.notifier.channel.log;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.SendOutcome;
import dev.notifier.message.Block;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes each message to the service log under the logger {@code notifier.channel.log}. */
@Component
class LogSender implements ChannelSender {

  private static final Logger OUT = LoggerFactory.getLogger("notifier.channel.log");

  @Override
  public String channel() {
    return "log";
  }

  /** Needs nothing: no URL, no credentials. */
  @Override
  public List<ConfigProblem> check(Destination target) {
    return List.of();
  }

  @Override
  public SendOutcome send(Destination destination, Message message) {
    OUT.info("[{}] {}", destination.name(), render(message));
    return SendOutcome.delivered();
  }

  static String render(Message message) {
    StringBuilder out = new StringBuilder();
    out.append('[').append(message.level()).append("] ").append(message.title()).append('\n');
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h -> out.append("  ").append(text(h.spans())).append('\n');
        case Block.Fields f -> {
          out.append("  ").append(f.heading()).append('\n');
          f.fields()
              .forEach(
                  x ->
                      out.append("    ")
                          .append(x.label())
                          .append(": ")
                          .append(text(x.value()))
                          .append('\n'));
        }
      }
    }
    return out.append("  -- ").append(message.footer()).toString();
  }

  private static String text(List<Span> spans) {
    return spans.stream().map(Span::text).collect(Collectors.joining());
  }
}
