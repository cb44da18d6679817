package dev.cogalign.pipeline.support;

import dev.cogalign.pipeline.PipelineApplication;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * pipeline-service on a random port against the embedded PostgreSQL of this JVM. Runs are not
 * adopted at startup or periodically here (tests resume them explicitly): cached contexts of other
 * test classes share the database and would pick up each other's unfinished runs.
 */
@SpringBootTest(
    classes = PipelineApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + PipelineApplication.CONFIG_NAME,
      "cogalign.upload.max-rows=" + PipelineIT.MAX_ROWS,
      "cogalign.upload.max-bytes=" + PipelineIT.MAX_BYTES,
      // contexts of other test classes stay alive in this JVM: none may adopt another's runs
      "cogalign.runs.resume-on-start=false"
    })
public abstract class PipelineIT {
  public static final int MAX_ROWS = 100;
  public static final int MAX_BYTES = 512 * 1024;

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.springDataSource().forEach(registry::add);
  }

  protected Http http() {
    return new Http(port);
  }
}
