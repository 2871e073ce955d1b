package dev.notifier.channel;

import dev.notifier.egress.AddressGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

  @Bean
  HttpTransport httpTransport(ChannelProperties properties, AddressGuard guard) {
    return new HttpTransport(properties, guard);
  }
}
