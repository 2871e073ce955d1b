package dev.notifier.channel;

import java.net.http.HttpHeaders;

/** What a platform answered. */
public record HttpReply(int status, HttpHeaders headers, String body) {

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
