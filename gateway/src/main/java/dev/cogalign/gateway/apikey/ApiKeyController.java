package dev.cogalign.gateway.apikey;

import dev.cogalign.gateway.security.Scope;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/keys}: the gateway's own API (admin scope). The secret of a key is in the
 * answer to its creation only.
 */
@RestController
@RequestMapping("/api/v1/admin/keys")
class ApiKeyController {

  /** {@code {"name", "scopes": [...], "requestsPerSecond"?: n}}. */
  record CreateKeyRequest(String name, List<String> scopes, Integer requestsPerSecond) {}

  /** A key as listed: never its secret. */
  record KeyView(
      long id,
      String name,
      List<String> scopes,
      Integer requestsPerSecond,
      Instant createdAt,
      Instant revokedAt) {
    static KeyView of(ApiKey key) {
      return new KeyView(
          key.id(),
          key.name(),
          scopeNames(key),
          key.requestsPerSecond(),
          key.createdAt(),
          key.revokedAt());
    }
  }

  /** A key just created, with its secret ({@code key}), shown this once. */
  record CreatedKeyView(
      long id,
      String name,
      List<String> scopes,
      Integer requestsPerSecond,
      Instant createdAt,
      String key) {}

  private final ApiKeyService keys;

  ApiKeyController(ApiKeyService keys) {
    this.keys = keys;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  CreatedKeyView create(@RequestBody CreateKeyRequest request) {
    ApiKeyService.Created created =
        keys.create(request.name(), request.scopes(), request.requestsPerSecond());
    ApiKey key = created.key();
    return new CreatedKeyView(
        key.id(),
        key.name(),
        scopeNames(key),
        key.requestsPerSecond(),
        key.createdAt(),
        created.secret());
  }

  @GetMapping
  List<KeyView> list() {
    return keys.list().stream().map(KeyView::of).toList();
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable long id) {
    keys.revoke(id);
  }

  private static List<String> scopeNames(ApiKey key) {
    return key.scopes().stream().sorted().map(Scope::value).toList();
  }
}
