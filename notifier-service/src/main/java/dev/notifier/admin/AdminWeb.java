package dev.notifier.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the admin token check in front of everything under {@code /api}. */
@Configuration(proxyBeanMethods = false)
class AdminWeb implements WebMvcConfigurer {

  private final AdminProperties properties;

  AdminWeb(AdminProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new AdminAuth(properties)).addPathPatterns("/api/**");
  }
}
