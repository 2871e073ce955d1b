package dev.notifier.channel;

import dev.notifier.message.Message;

/**
 * The least a sender does, for tests of the transport under it: post a small JSON body and take any
 * 2xx as delivered.
 */
record AnySuccessSender(HttpTransport http) implements ChannelSender {

  @Override
  public String channel() {
    return "test";
  }

  @Override
  public SendOutcome send(Destination destination, Message message) {
    return http.postJson(
        destination,
        "{\"text\":\"hi\"}",
        (reply, secrets) ->
            HttpTransport.classifyStatus(reply, secrets)
                .<SendOutcome>map(f -> f)
                .orElse(SendOutcome.delivered()));
  }
}
