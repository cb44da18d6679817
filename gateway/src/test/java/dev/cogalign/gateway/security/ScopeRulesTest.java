package dev.cogalign.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeRulesTest {

  @ParameterizedTest
  @CsvSource({
    "GET, /api/v1/datasets, READ",
    "HEAD, /api/v1/jobs/3, READ",
    "GET, /api/v1/runs/1/pairs, READ",
    "POST, /api/v1/datasets, SUBMIT",
    "POST, /api/v1/datasets/1/problems, SUBMIT",
    "POST, /api/v1/runs/4/cancel, SUBMIT",
    "POST, /api/v1/critiques, SUBMIT",
    "POST, /api/v1/rethinks, SUBMIT",
    "POST, /api/v1/verifications, SUBMIT",
    "POST, /api/v1/models, TRAIN",
    "POST, /api/v1/models/2/score, TRAIN",
    "DELETE, /api/v1/jobs/9, TRAIN",
    "POST, /api/v1/experiments, TRAIN",
    "GET, /api/v1/admin/keys, ADMIN",
    "DELETE, /api/v1/admin/keys/3, ADMIN",
    "POST, /api/v1/something-new, ADMIN",
    "POST, /api/v1/datasetsx, ADMIN",
  })
  void namesTheScopeOfEachMethodAndPath(String method, String path, Scope scope) {
    assertThat(ScopeRules.required(method, path)).isEqualTo(scope);
  }
}
