package dev.cogalign.serviceweb.text;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text a service's database cannot store is refused with a 400 naming the field, before it reaches
 * PostgreSQL: every string of a JSON body (a Jackson module Spring Boot adds to the service's
 * mapper) and every query parameter and path (a filter). Imported by the services that store text
 * (pipeline, trainer).
 */
@Configuration(proxyBeanMethods = false)
public class StorableTextConfiguration {
  @Bean
  JacksonModule storableTextModule() {
    return new SimpleModule("storable-text")
        .addDeserializer(String.class, new StorableStringDeserializer());
  }

  @Bean
  FilterRegistrationBean<StorableTextFilter> storableTextFilter() {
    FilterRegistrationBean<StorableTextFilter> registration =
        new FilterRegistrationBean<>(new StorableTextFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
