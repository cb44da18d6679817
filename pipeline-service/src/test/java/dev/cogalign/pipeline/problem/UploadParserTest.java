package dev.cogalign.pipeline.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.pipeline.error.LineError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class UploadParserTest {
  private final UploadParser parser = new UploadParser(JsonMapper.builder().build(), 100);

  @Test
  void readsEveryRowOfAJsonArrayWithTheLineWhereItStarts() {
    UploadParser.Parsed parsed =
        parser.jsonArray(
            "[\n {\"question\": \"a\", \"answer\": \"1\"},\n\n {\"question\": \"b\", \"answer\": \"2\"}\n]");

    assertThat(parsed.errors).isEmpty();
    assertThat(parsed.rows).extracting(ParsedRow::line).containsExactly(2L, 4L);
  }

  @Test
  void namesEveryBadElementOfAJsonArray() {
    UploadParser.Parsed parsed =
        parser.jsonArray(
            "[\n  {\"question\": \"a\", \"answer\": \"1\"},\n  {\"answer\": \"2\"},\n  \"text\"\n]");

    assertThat(parsed.errors).extracting(LineError::line).containsExactly(3L, 4L);
  }

  @Test
  void derivesTheSameExternalIdFromTheSameContent() {
    UploadParser.Parsed first = parser.jsonLines("{\"question\": \"a\", \"answer\": \"1\"}");
    UploadParser.Parsed second = parser.jsonLines("{\"answer\": \"1\", \"question\": \"a\"}");
    UploadParser.Parsed other = parser.jsonLines("{\"question\": \"a\", \"answer\": \"2\"}");

    assertThat(first.rows.get(0).externalId())
        .startsWith("sha256:")
        .isEqualTo(second.rows.get(0).externalId())
        .isNotEqualTo(other.rows.get(0).externalId());
  }
}
