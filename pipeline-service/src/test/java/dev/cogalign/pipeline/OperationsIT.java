package dev.cogalign.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.pipeline.support.PipelineIT;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class OperationsIT extends PipelineIT {
  @Autowired JdbcClient jdbc;

  @Test
  void exposesHealthProbesPrometheusAndOpenApi() {
    assertThat(http().get("/actuator/health/liveness").body()).contains("\"UP\"");
    assertThat(http().get("/actuator/health/readiness").body()).contains("\"UP\"");
    assertThat(http().get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    assertThat(http().get("/v3/api-docs").body()).contains("/api/v1/problems/{id}");
  }

  @Test
  void refusesToUpdateOrDeleteARevision() {
    long dataset =
        http()
            .postJson("/api/v1/datasets", Map.of("name", "append-only"))
            .json()
            .get("id")
            .asLong();
    http()
        .postJson(
            "/api/v1/datasets/" + dataset + "/problems",
            java.util.List.of(
                Map.of("question", "1+1?", "answer", "2", "cot", "1+1 = <<1+1=2>>2")));
    long revision =
        jdbc.sql(
                "select r.id from crv.cot_revision r join crv.problem p on p.id = r.problem_id"
                    + " where p.dataset_id = :d")
            .param("d", dataset)
            .query(Long.class)
            .single();

    assertThatThrownBy(
            () ->
                jdbc.sql("update crv.cot_revision set text = 'x' where id = :id")
                    .param("id", revision)
                    .update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () ->
                jdbc.sql("delete from crv.cot_revision where id = :id")
                    .param("id", revision)
                    .update())
        .hasMessageContaining("append-only");
  }
}
