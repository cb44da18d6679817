package dev.cogalign.gateway.security;

import java.util.List;

/**
 * The scope each request needs, from its method and path: {@code /api/v1/admin/**} needs admin; any
 * other GET or HEAD needs read; a write under datasets, problems, runs or the three agents needs
 * submit; a write under models, jobs or experiments needs train; any other write needs admin (deny
 * by default: a route added later is closed until given a scope here).
 */
final class ScopeRules {

  static final String ADMIN_PREFIX = "/api/v1/admin";

  private static final List<String> SUBMIT_PREFIXES =
      List.of(
          "/api/v1/datasets",
          "/api/v1/problems",
          "/api/v1/runs",
          "/api/v1/critiques",
          "/api/v1/rethinks",
          "/api/v1/verifications");

  private static final List<String> TRAIN_PREFIXES =
      List.of("/api/v1/models", "/api/v1/jobs", "/api/v1/experiments");

  private ScopeRules() {}

  /** The scope a {@code method} request to {@code path} (without the context path) needs. */
  static Scope required(String method, String path) {
    if (under(path, ADMIN_PREFIX)) {
      return Scope.ADMIN;
    }
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return Scope.READ;
    }
    if (SUBMIT_PREFIXES.stream().anyMatch(prefix -> under(path, prefix))) {
      return Scope.SUBMIT;
    }
    if (TRAIN_PREFIXES.stream().anyMatch(prefix -> under(path, prefix))) {
      return Scope.TRAIN;
    }
    return Scope.ADMIN;
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
