package dev.notifier.channel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

  @Bean
  HttpTransport httpTransport(ChannelProperties properties) {
    return new HttpTransport(properties);
  }
}
