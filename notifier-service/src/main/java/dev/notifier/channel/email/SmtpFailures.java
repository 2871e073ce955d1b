package dev.notifier.channel.email;

import dev.notifier.channel.FailureReason;
import dev.notifier.channel.Redaction;
import dev.notifier.channel.SendOutcome.Failed;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a failed SMTP exchange the way RFC 5321 means it: a 4xx reply is transient and worth
 * retrying, a 5xx reply is permanent. Without a reply, the network decides: a timeout or a lost
 * connection is transient, a TLS failure is configuration.
 */
final class SmtpFailures {

  // "535 5.7.8 ..." or "Got bad greeting from SMTP host: ..., response: [421] ..."
  private static final Pattern REPLY_CODE = Pattern.compile("(?:^|\\[|: )([245]\\d\\d)[ \\-\\]]");

  private SmtpFailures() {}

  static Failed classify(MessagingException e, List<String> secrets) {
    List<Throwable> chain = chain(e);
    String detail = Redaction.scrub(describe(chain), secrets);
    OptionalInt code = replyCode(chain);
    if (code.isPresent()) {
      return byCode(code.getAsInt(), detail);
    }
    for (Throwable t : chain) {
      if (t instanceof SocketTimeoutException) {
        return Failed.retryable(FailureReason.TIMEOUT, detail);
      }
      if (t instanceof SSLException) {
        // An untrusted certificate or a server without TLS will not fix itself.
        return Failed.permanent(FailureReason.BAD_CONFIG, detail);
      }
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof SocketException) {
        return Failed.retryable(FailureReason.CONNECTION_ERROR, detail);
      }
    }
    if (detail.contains("STARTTLS is required")) {
      return Failed.permanent(FailureReason.BAD_CONFIG, detail);
    }
    return Failed.retryable(FailureReason.PLATFORM_ERROR, detail);
  }

  private static Failed byCode(int code, String detail) {
    if (code >= 400 && code < 500) {
      return Failed.retryable(FailureReason.SERVER_ERROR, detail);
    }
    return switch (code) {
      case 530, 534, 535, 538 -> Failed.permanent(FailureReason.AUTH_ERROR, detail);
      case 552 -> Failed.permanent(FailureReason.TOO_LARGE, detail);
      default -> Failed.permanent(FailureReason.CLIENT_ERROR, detail);
    };
  }

  /** The first reply code any link of the chain carries, structured or in its text. */
  private static OptionalInt replyCode(List<Throwable> chain) {
    for (Throwable t : chain) {
      int code =
          switch (t) {
            case SMTPSendFailedException s -> s.getReturnCode();
            case SMTPAddressFailedException a -> a.getReturnCode();
            case SMTPSenderFailedException s -> s.getReturnCode();
            default -> -1;
          };
      if (code >= 400) {
        return OptionalInt.of(code);
      }
    }
    for (Throwable t : chain) {
      Matcher m = REPLY_CODE.matcher(String.valueOf(t.getMessage()));
      if (m.find() && !m.group(1).startsWith("2")) {
        return OptionalInt.of(Integer.parseInt(m.group(1)));
      }
    }
    return OptionalInt.empty();
  }

  /** The exception, its causes and the exceptions Jakarta Mail chains with setNextException. */
  private static List<Throwable> chain(Throwable first) {
    List<Throwable> out = new ArrayList<>();
    @Nullable Throwable t = first;
    while (t != null && !out.contains(t) && out.size() < 16) {
      out.add(t);
      t =
          t instanceof MessagingException m && m.getNextException() != null
              ? m.getNextException()
              : t.getCause();
    }
    return out;
  }

  private static String describe(List<Throwable> chain) {
    StringBuilder out = new StringBuilder();
    for (Throwable t : chain) {
      String message = t.getMessage();
      if (message != null && !message.isBlank() && out.indexOf(message.trim()) < 0) {
        out.append(out.isEmpty() ? "" : "; ").append(message.trim().replaceAll("\\s+", " "));
      }
    }
    return out.isEmpty() ? chain.getFirst().getClass().getSimpleName() : out.toString();
  }
}
