package dev.notifier.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one cipher every reader and writer of secrets uses. */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(SecretsConfiguration.class);

  @Bean
  SecretCipher secretCipher(SecretsProperties properties) {
    SecretCipher cipher = SecretCipher.of(properties);
    if (!cipher.hasKey()) {
      LOG.warn(
          "notifier.secrets.key (NOTIFIER_SECRET_KEY) is not set: target secrets are stored in"
              + " plain text. Set it to base64 of 32 random bytes (openssl rand -base64 32).");
    }
    return cipher;
  }
}
