package dev.cogalign.gateway.ui;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's scripts and style sheet under {@code /ui/assets/}. They sit in {@code
 * classpath:cogalign-ui/}, not Boot's {@code static/}: in the launcher every service shares one
 * classpath, and only the gateway serves the dashboard.
 */
@Configuration(proxyBeanMethods = false)
class UiResources implements WebMvcConfigurer {

  /** The dashboard's path in the gateway. */
  static final String PREFIX = "/ui";

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler(PREFIX + "/assets/**")
        .addResourceLocations("classpath:" + UiController.LOCATION + "assets/");
  }
}
