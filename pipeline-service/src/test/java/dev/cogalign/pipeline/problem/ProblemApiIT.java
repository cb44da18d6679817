package dev.cogalign.pipeline.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.Http.Response;
import dev.cogalign.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProblemApiIT extends PipelineIT {

  private long createDataset(String name) {
    Response response = http().postJson("/api/v1/datasets", Map.of("name", name));
    assertThat(response.status()).isEqualTo(201);
    return response.json().get("id").asLong();
  }

  private static String gsm8kLines(int count) throws IOException {
    try (var lines = Files.lines(SharedData.path("data/gsm8k/train.jsonl"))) {
      return String.join("\n", lines.limit(count).toList()) + "\n";
    }
  }

  private List<JsonNode> walk(String query, int limit) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response page =
          http()
              .get(
                  "/api/v1/problems?"
                      + query
                      + "&limit="
                      + limit
                      + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(items::add);
      JsonNode next = page.json().get("nextCursor");
      cursor = next.isNull() ? null : next.asString();
      assertThat(++pages).isLessThan(1000);
    } while (cursor != null);
    return items;
  }

  @Test
  void createsDatasetAndReturnsItsIdNameAndCreationTime() {
    Response created = http().postJson("/api/v1/datasets", Map.of("name", "gsm8k-train"));

    assertThat(created.status()).isEqualTo(201);
    JsonNode dataset = created.json();
    assertThat(dataset.get("name").asString()).isEqualTo("gsm8k-train");
    assertThat(dataset.get("createdAt").asString()).isNotBlank();
    Response fetched = http().get("/api/v1/datasets/" + dataset.get("id").asLong());
    assertThat(fetched.json()).isEqualTo(dataset);
    assertThat(http().get("/api/v1/datasets").json().findValuesAsString("name"))
        .contains("gsm8k-train");
  }

  @Test
  void rejectsDatasetWithoutNameListingTheField() {
    Response response = http().postJson("/api/v1/datasets", Map.of("name", " "));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("name");
  }

  @Test
  void uploadsGsm8kJsonLinesAndFindsThemAllExistingOnResubmission() throws IOException {
    long dataset = createDataset("gsm8k-50");
    String body = gsm8kLines(50);

    Response first =
        http().post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", body);
    Response second =
        http().post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("created").asInt()).isEqualTo(50);
    assertThat(first.json().get("existing").asInt()).isZero();
    assertThat(second.json().get("created").asInt()).isZero();
    assertThat(second.json().get("existing").asInt()).isEqualTo(50);
    assertThat(walk("datasetId=" + dataset, 100)).hasSize(50);
  }

  @Test
  void uploadsJsonArrayOfGenericRowsWithTheirOwnIds() {
    long dataset = createDataset("generic");
    List<Map<String, String>> rows =
        List.of(
            Map.of(
                "id", "g1", "question", "What is 2+3?", "answer", "5", "cot", "2+3 = <<2+3=5>>5"),
            Map.of(
                "id",
                "g2",
                "question",
                "What is 4*6?",
                "answer",
                "24",
                "cot",
                "4*6 = <<4*6=24>>24"),
            Map.of(
                "id", "g3", "question", "Capital of France?", "answer", "Paris", "domain", "geo"));

    Response first = http().postJson("/api/v1/datasets/" + dataset + "/problems", rows);
    Response again =
        http().postJson("/api/v1/datasets/" + dataset + "/problems", rows.subList(0, 2));

    assertThat(first.json().get("created").asInt()).isEqualTo(3);
    assertThat(again.json().get("existing").asInt()).isEqualTo(2);
    List<JsonNode> items = walk("datasetId=" + dataset, 10);
    assertThat(items)
        .extracting(i -> i.get("externalId").asString())
        .containsExactly("g1", "g2", "g3");
    JsonNode withCot = http().get("/api/v1/problems/" + items.get(1).get("id").asLong()).json();
    assertThat(withCot.get("revisions").get(0).get("text").asString())
        .isEqualTo("4*6 = <<4*6=24>>24\n#### 24");
    JsonNode withoutCot = http().get("/api/v1/problems/" + items.get(2).get("id").asLong()).json();
    assertThat(withoutCot.get("domain").asString()).isEqualTo("geo");
    assertThat(withoutCot.get("revisions")).isEmpty();
  }

  @Test
  void createsARowRepeatedInOneUploadOnceFromItsFirstOccurrence() {
    long dataset = createDataset("repeats");
    List<Map<String, String>> rows =
        List.of(
            Map.of("id", "r1", "question", "What is 1+1?", "answer", "2", "cot", "1+1 = 2"),
            Map.of("id", "r2", "question", "What is 2+2?", "answer", "4", "cot", "2+2 = 4"),
            Map.of("id", "r1", "question", "Again 1+1?", "answer", "2", "cot", "one and one"));

    Response response = http().postJson("/api/v1/datasets/" + dataset + "/problems", rows);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("created").asInt()).isEqualTo(2);
    assertThat(response.json().get("existing").asInt()).isEqualTo(1);
    List<JsonNode> items = walk("datasetId=" + dataset, 10);
    assertThat(items).extracting(i -> i.get("externalId").asString()).containsExactly("r1", "r2");
    JsonNode first = http().get("/api/v1/problems/" + items.get(0).get("id").asLong()).json();
    assertThat(first.get("question").asString()).isEqualTo("What is 1+1?");
    assertThat(first.get("revisions")).hasSize(1);
    assertThat(first.get("revisions").get(0).get("text").asString()).isEqualTo("1+1 = 2\n#### 2");
  }

  @Test
  void concurrentUploadsOfTheSameRowsToOneDatasetCreateEachRowOnce() throws Exception {
    long dataset = createDataset("concurrent");
    String body = gsm8kLines(MAX_ROWS);
    int uploads = 4;
    List<Response> responses = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(uploads);
    try {
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < uploads; i++) {
        futures.add(
            pool.submit(
                () ->
                    http()
                        .post(
                            "/api/v1/datasets/" + dataset + "/problems",
                            "application/x-ndjson",
                            body)));
      }
      for (Future<Response> future : futures) {
        responses.add(future.get());
      }
    } finally {
      pool.shutdown();
    }

    assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
    assertThat(responses.stream().mapToInt(r -> r.json().get("created").asInt()).sum())
        .isEqualTo(MAX_ROWS);
    assertThat(responses.stream().mapToInt(r -> r.json().get("existing").asInt()).sum())
        .isEqualTo((uploads - 1) * MAX_ROWS);
    List<JsonNode> items = walk("datasetId=" + dataset, 500);
    assertThat(items).hasSize(MAX_ROWS);
    JsonNode last =
        http().get("/api/v1/problems/" + items.get(MAX_ROWS - 1).get("id").asLong()).json();
    assertThat(last.get("revisions")).hasSize(1);
  }

  @Test
  void uploadsMathRowsWithTheAnswerInBoxed() throws IOException {
    long dataset = createDataset("math500");
    JsonNode math = Http.JSON.readTree(SharedData.path("data/math500/math500_test.json").toFile());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("problem", math.get(i).get("problem").asString());
      row.put("solution", math.get(i).get("solution").asString());
      rows.add(row);
    }

    Response response = http().postJson("/api/v1/datasets/" + dataset + "/problems", rows);

    assertThat(response.json().get("created").asInt()).isEqualTo(5);
    List<JsonNode> items = walk("datasetId=" + dataset + "&domain=math", 2);
    assertThat(items).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(items.get(i).get("goldAnswer").asString())
          .isEqualTo(math.get(i).get("answer").asString());
      JsonNode teacher = http().get("/api/v1/problems/" + items.get(i).get("id").asLong()).json();
      assertThat(teacher.get("revisions").get(0).get("finalAnswer").asString())
          .isEqualTo(math.get(i).get("answer").asString());
    }
  }

  @Test
  void rejectsUploadWithMalformedLinesNamingEveryOneAndStoresNothing() throws IOException {
    long dataset = createDataset("malformed");
    String good = gsm8kLines(1).strip();
    String body =
        String.join(
            "\n",
            good,
            "{\"question\": \"unterminated",
            "",
            "{\"question\": \"no answer here\"}",
            "{\"question\": \"fine\", \"answer\": \"1\"}",
            "[1, 2]",
            "{\"question\": \"q\", \"answer\": \"steps only\\n####  \"}");

    Response response =
        http().post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode errors = response.json().get("errors");
    assertThat(errors.findValues("line")).extracting(JsonNode::asInt).containsExactly(2, 4, 6, 7);
    assertThat(errors.get(1).get("message").asString()).contains("answer is missing");
    assertThat(walk("datasetId=" + dataset, 10)).isEmpty();
  }

  @Test
  void rejectsJsonArrayWithBadRowsNamingTheirLines() {
    long dataset = createDataset("bad-array");
    String body =
        "[\n  {\"question\": \"a\", \"answer\": \"1\"},\n  {\"answer\": \"2\"},\n  \"text\"\n]";

    Response response =
        http().post("/api/v1/datasets/" + dataset + "/problems", "application/json", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").findValues("line"))
        .extracting(JsonNode::asInt)
        .containsExactly(3, 4);
    assertThat(walk("datasetId=" + dataset, 10)).isEmpty();
  }

  @Test
  void refusesUploadsOverTheRowAndByteLimitsWith413() throws IOException {
    long dataset = createDataset("too-large");

    Response tooManyRows =
        http()
            .post(
                "/api/v1/datasets/" + dataset + "/problems",
                "application/x-ndjson",
                gsm8kLines(MAX_ROWS + 1));
    String huge = "{\"question\": \"" + "x".repeat(MAX_BYTES) + "\", \"answer\": \"1\"}";
    Response tooManyBytes =
        http().post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", huge);

    assertThat(tooManyRows.status()).isEqualTo(413);
    assertThat(tooManyRows.contentType()).startsWith("application/problem+json");
    assertThat(tooManyRows.json().get("limit").asInt()).isEqualTo(MAX_ROWS);
    assertThat(tooManyBytes.status()).isEqualTo(413);
    assertThat(walk("datasetId=" + dataset, 10)).isEmpty();
  }

  @Test
  void paginationWalksEveryProblemExactlyOnce() throws IOException {
    long dataset = createDataset("paged");
    http()
        .post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", gsm8kLines(50));

    List<JsonNode> items = walk("datasetId=" + dataset, 7);

    List<Long> ids = items.stream().map(i -> i.get("id").asLong()).toList();
    assertThat(ids).hasSize(50).doesNotHaveDuplicates().isSorted();
    assertThat(items).allSatisfy(i -> assertThat(i.get("datasetId").asLong()).isEqualTo(dataset));
  }

  @Test
  void showsProblemWithItsTeacherRevision() throws IOException {
    long dataset = createDataset("detail");
    http().post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", gsm8kLines(1));
    long id = walk("datasetId=" + dataset, 1).get(0).get("id").asLong();

    JsonNode problem = http().get("/api/v1/problems/" + id).json();

    assertThat(problem.get("goldAnswer").asString()).isEqualTo("72");
    assertThat(problem.get("domain").asString()).isEqualTo("arithmetic");
    assertThat(problem.get("externalId").asString()).startsWith("sha256:");
    JsonNode teacher = problem.get("revisions").get(0);
    assertThat(problem.get("revisions")).hasSize(1);
    assertThat(teacher.get("origin").asString()).isEqualTo("TEACHER");
    assertThat(teacher.get("text").asString()).startsWith("Natalia sold 48/2").endsWith("#### 72");
    assertThat(teacher.get("steps")).hasSize(2);
    assertThat(teacher.get("finalAnswer").asString()).isEqualTo("72");
    assertThat(teacher.get("parentId").isNull()).isTrue();
    assertThat(teacher.get("critiques")).isEmpty();
    assertThat(teacher.get("verifications")).isEmpty();
  }

  @Test
  void answersUnknownIdsAndBadParametersWithProblemDetails() {
    Response problem = http().get("/api/v1/problems/999999999");
    Response dataset = http().post("/api/v1/datasets/999999999/problems", "application/json", "[]");
    Response cursor = http().get("/api/v1/problems?cursor=not-a-cursor");
    Response limit = http().get("/api/v1/problems?limit=0");

    assertThat(problem.status()).isEqualTo(404);
    assertThat(problem.contentType()).startsWith("application/problem+json");
    assertThat(problem.json().get("detail").asString())
        .isEqualTo("problem 999999999 does not exist");
    assertThat(dataset.status()).isEqualTo(404);
    assertThat(cursor.status()).isEqualTo(400);
    assertThat(cursor.json().get("errors").findValuesAsString("field")).containsExactly("cursor");
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.json().get("errors").findValuesAsString("field")).containsExactly("limit");
  }

  @Test
  void refusesTextPostgresqlCannotStoreWith400NamingTheField() {
    Response name = http().postJson("/api/v1/datasets", Map.of("name", "a\u0000b"));
    Response surrogate =
        http().post("/api/v1/datasets", "application/json", "{\"name\":\"a\\ud800b\"}");
    long dataset = createDataset("nul-upload");
    Response upload =
        http()
            .post(
                "/api/v1/datasets/" + dataset + "/problems",
                "application/x-ndjson",
                "{\"question\": \"How many\\u0000?\", \"answer\": \"1 + 1 = 2\\n#### 2\"}");
    Response query = http().get("/api/v1/problems?cursor=a%00b");

    assertThat(name.status()).isEqualTo(400);
    assertThat(name.contentType()).startsWith("application/problem+json");
    assertThat(name.json().get("errors").findValuesAsString("field")).containsExactly("name");
    assertThat(name.json().get("errors").get(0).get("message").asString()).contains("NUL");
    assertThat(surrogate.status()).isEqualTo(400);
    assertThat(surrogate.json().get("errors").findValuesAsString("field")).containsExactly("name");
    assertThat(upload.status()).isEqualTo(400);
    assertThat(upload.contentType()).startsWith("application/problem+json");
    assertThat(upload.json().get("errors").get(0).get("message").asString())
        .startsWith("question holds a NUL character");
    assertThat(query.status()).isEqualTo(400);
    assertThat(query.contentType()).startsWith("application/problem+json");
    assertThat(query.json().get("errors").findValuesAsString("field")).containsExactly("cursor");
    assertThat(walk("datasetId=" + dataset, 10)).isEmpty();
  }
}
