package dev.notifier.admin;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the body limits and the admin token check in front of everything under {@code /api}, and
 * lets the same tokens see the actuator's health details.
 */
@Configuration(proxyBeanMethods = false)
class AdminWeb implements WebMvcConfigurer {

  private final AdminAuth auth;

  AdminWeb(AdminProperties properties) {
    this.auth = new AdminAuth(properties);
  }

  @Bean
  AdminAuth adminAuth() {
    return auth;
  }

  @Bean
  FilterRegistrationBean<RequestLimits> adminRequestLimits(AdminProperties properties) {
    FilterRegistrationBean<RequestLimits> registration =
        new FilterRegistrationBean<>(new RequestLimits(properties, auth));
    registration.addUrlPatterns("/api/*");
    return registration;
  }

  @Bean
  FilterRegistrationBean<TokenPrincipal> actuatorTokenPrincipal() {
    FilterRegistrationBean<TokenPrincipal> registration =
        new FilterRegistrationBean<>(new TokenPrincipal(auth));
    registration.addUrlPatterns("/actuator/*");
    return registration;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(auth).addPathPatterns("/api/**");
  }
}
