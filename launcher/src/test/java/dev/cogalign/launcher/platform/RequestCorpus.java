package dev.cogalign.launcher.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * Hostile requests for one operation of an OpenAPI document, from a seeded {@link Random}: path and
 * query parameters from a list of bad values (wrong types, huge numbers, an encoded NUL, invalid
 * UTF-8, long strings) and bodies that are random JSON over the operation's field names (nulls,
 * wrong types, huge numbers, deep nesting, long strings, NULs, lone surrogates), raw bytes that are
 * not UTF-8, or not JSON at all.
 */
final class RequestCorpus {
  /** One request: method, path with query, content type (null: no body) and body bytes. */
  record Case(String method, String path, String contentType, byte[] body) {
    @Override
    public String toString() {
      String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      shown = shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
      return method
          + " "
          + (path.length() > 200 ? path.substring(0, 200) + "…" : path)
          + " "
          + shown;
    }
  }

  /** One operation of a service's OpenAPI document. */
  record Operation(
      String method,
      String path,
      List<String> pathParameters,
      List<String> queryParameters,
      List<String> contentTypes,
      List<String> fields) {}

  static final List<String> PARAMETER_VALUES =
      List.of(
          "0",
          "-1",
          "1",
          "2",
          "99999999999999999999999999",
          "9223372036854775807",
          "-9223372036854775808",
          "1.5e308",
          "NaN",
          "abc",
          "null",
          "true",
          "%00",
          "a%00b",
          "%C3%28",
          "%FF%FE",
          "%ED%A0%80",
          "%20",
          "%7B%7D",
          "x".repeat(5000),
          "%25",
          "..%2F..");

  private final Random random;

  RequestCorpus(long seed) {
    this.random = new Random(seed);
  }

  /** {@code count} requests for {@code operation}; {@code ids} are values that exist. */
  List<Case> cases(Operation operation, int count, List<String> ids) {
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String path = operation.path();
      for (String name : operation.pathParameters()) {
        String value =
            random.nextInt(3) == 0 && !ids.isEmpty() ? pick(ids) : pick(PARAMETER_VALUES);
        path = path.replace("{" + name + "}", value);
      }
      StringBuilder query = new StringBuilder();
      for (String name : operation.queryParameters()) {
        if (random.nextBoolean()) {
          query
              .append(query.isEmpty() ? "?" : "&")
              .append(name)
              .append('=')
              .append(pick(PARAMETER_VALUES));
        }
      }
      if (random.nextInt(5) == 0) {
        query
            .append(query.isEmpty() ? "?" : "&")
            .append("unknown%00=")
            .append(pick(PARAMETER_VALUES));
      }
      String contentType = null;
      byte[] body = null;
      if (!operation.contentTypes().isEmpty()) {
        contentType = pick(operation.contentTypes());
        body = body(contentType, operation.fields());
      }
      cases.add(new Case(operation.method(), path + query, contentType, body));
    }
    return cases;
  }

  private byte[] body(String contentType, List<String> fields) {
    if (contentType.startsWith("multipart/")) {
      return null; // sent by the test as a multipart form of its own
    }
    int kind = random.nextInt(10);
    if (kind == 0) {
      // "name": "<C3 28>" — a string that is not UTF-8
      byte[] head =
          ("{\"" + (fields.isEmpty() ? "name" : pick(fields)) + "\":\"a")
              .getBytes(StandardCharsets.UTF_8);
      byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
      byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[head.length + bad.length + tail.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(bad, 0, all, head.length, bad.length);
      System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
      return all;
    }
    if (kind == 1) {
      int depth = 2000 + random.nextInt(3000);
      return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }
    if (kind == 2) {
      return pick(List.of(
              "", "not json", "{", "null", "[]", "\"\u0000\"", "{\"a\":1}{", "1e999999"))
          .getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder json = new StringBuilder("{");
    int n = fields.isEmpty() ? 1 + random.nextInt(3) : 1 + random.nextInt(fields.size());
    for (int i = 0; i < n; i++) {
      String field =
          fields.isEmpty() || random.nextInt(6) == 0 ? "x" + random.nextInt(3) : pick(fields);
      json.append(i == 0 ? "" : ",").append('"').append(field).append("\":").append(value(0));
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A random JSON value, nested at most a few levels. */
  private String value(int depth) {
    int kind = random.nextInt(depth > 3 ? 12 : 15);
    return switch (kind) {
      case 0 -> "null";
      case 1 -> "true";
      case 2 -> "-1";
      case 3 -> "0";
      case 4 -> "99999999999999999999999999999999";
      case 5 -> "1.7976931348623157e308";
      case 6 -> "-9223372036854775809";
      case 7 -> "\"\"";
      case 8 -> "\"a\\u0000b\"";
      case 9 -> "\"\\ud800\"";
      case 10 -> "\"" + "y".repeat(random.nextInt(3) == 0 ? 300_000 : 5000) + "\"";
      case 11 -> "\"" + pick(List.of("EASY", "SFT", "COGPO", "read", "1", "rules", "ALIGN")) + "\"";
      case 12 -> "[" + value(depth + 1) + "," + value(depth + 1) + "]";
      case 13 ->
          "{\"" + pick(List.of("steps", "a", "ALIGN", "runId")) + "\":" + value(depth + 1) + "}";
      default -> "[]";
    };
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** The operations of an OpenAPI 3 document: method, path, parameters, body types and fields. */
  static List<Operation> operations(JsonNode document) {
    List<Operation> operations = new ArrayList<>();
    for (var path : document.path("paths").properties()) {
      for (var method : path.getValue().properties()) {
        JsonNode op = method.getValue();
        List<String> inPath = new ArrayList<>();
        List<String> inQuery = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
          String where = p.path("in").asString();
          String name = p.path("name").asString();
          if (where.equals("path")) {
            inPath.add(name);
          } else if (where.equals("query")) {
            inQuery.add(name);
          }
        }
        List<String> types = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (var content : op.path("requestBody").path("content").properties()) {
          types.add(content.getKey());
          fields.addAll(fieldsOf(document, content.getValue().path("schema")));
        }
        operations.add(
            new Operation(
                method.getKey().toUpperCase(java.util.Locale.ROOT),
                path.getKey(),
                inPath,
                inQuery,
                types,
                fields.stream().distinct().toList()));
      }
    }
    return operations;
  }

  private static List<String> fieldsOf(JsonNode document, JsonNode schema) {
    String ref = schema.path("$ref").asString("");
    JsonNode resolved = schema;
    if (ref.startsWith("#/components/schemas/")) {
      resolved =
          document
              .path("components")
              .path("schemas")
              .path(ref.substring("#/components/schemas/".length()));
    }
    List<String> names = new ArrayList<>();
    Iterator<String> it = resolved.path("properties").propertyNames().iterator();
    it.forEachRemaining(names::add);
    return names;
  }
}
