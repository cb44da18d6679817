package dev.cogalign.trainer.config;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The servlet container's multipart limits from {@code cogalign.trainer.max-model-upload-bytes} (in
 * place of Spring Boot's 1 MB default): a model archive up to that size, streamed to disk.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {
  @Bean
  MultipartConfigElement multipartConfigElement(TrainerProperties properties) {
    return new MultipartConfigElement(
        "", properties.maxModelUploadBytes(), properties.maxModelUploadRequestBytes(), 0);
  }
}
