package dev.cogalign.pipeline.problem;

import dev.cogalign.crv.agent.AgentLimits;
import dev.cogalign.crv.problem.ProblemForms;
import dev.cogalign.crv.problem.ProblemInput;
import dev.cogalign.pipeline.error.LineError;
import dev.cogalign.pipeline.error.PayloadTooLargeException;
import dev.cogalign.serviceweb.text.StorableText;
import dev.cogalign.serviceweb.text.UnstorableTextException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an upload body (JSONL or a JSON array) into rows, collecting every bad row with its line
 * number instead of stopping at the first.
 */
final class UploadParser {
  static final int MAX_EXTERNAL_ID_CHARS = 200;
  private static final String DERIVED_ID_PREFIX = "sha256:";

  private final JsonMapper mapper;
  private final ObjectReader element;
  private final int maxRows;

  UploadParser(JsonMapper mapper, int maxRows) {
    this.mapper = mapper;
    this.element =
        mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.maxRows = maxRows;
  }

  /** The rows and the errors of a JSONL body; blank lines are skipped but counted. */
  Parsed jsonLines(String body) {
    Parsed parsed = new Parsed();
    long line = 0;
    for (String text : body.split("\n", -1)) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      parsed.countRow(maxRows);
      try {
        parsed.add(line, mapper.readTree(text));
      } catch (JacksonException e) {
        parsed.error(line, "not valid JSON: " + e.getOriginalMessage());
      }
    }
    return parsed;
  }

  /** The rows and the errors of a JSON array body; each row's line is where its object starts. */
  Parsed jsonArray(String body) {
    Parsed parsed = new Parsed();
    try (JsonParser parser = mapper.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        parsed.error(location(parser), "body is not a JSON array of rows");
        return parsed;
      }
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        long line = location(parser);
        parsed.countRow(maxRows);
        parsed.add(line, element.readValue(parser));
      }
      if (parser.nextToken() != null) {
        parsed.error(location(parser), "unexpected content after the array");
      }
    } catch (JacksonException e) {
      long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      parsed.error(line, "not valid JSON: " + e.getOriginalMessage());
    }
    return parsed;
  }

  private static long location(JsonParser parser) {
    return Math.max(1, parser.currentTokenLocation().getLineNr());
  }

  /** The row's own id, or {@code sha256:} of its content, so that a re-upload finds it. */
  static String externalId(ProblemInput input) {
    if (input.externalId() != null) {
      return input.externalId().strip();
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {input.question(), input.goldAnswer(), input.cot()}) {
        digest.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return DERIVED_ID_PREFIX + HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** What a body held: its good rows and every bad line. */
  final class Parsed {
    final List<ParsedRow> rows = new ArrayList<>();
    final List<LineError> errors = new ArrayList<>();
    private int count;

    void countRow(int limit) {
      if (++count > limit) {
        throw new PayloadTooLargeException(
            "upload holds more than " + limit + " rows; split it", limit);
      }
    }

    void error(long line, String message) {
      errors.add(new LineError(line, message));
    }

    @SuppressWarnings("unchecked")
    void add(long line, JsonNode node) {
      if (!node.isObject()) {
        error(line, "row is not a JSON object");
        return;
      }
      try {
        Map<String, Object> fields;
        try {
          fields = mapper.treeToValue(node, Map.class);
        } catch (UnstorableTextException e) {
          error(line, e.field() + " " + e.reason());
          return;
        }
        ProblemInput input = ProblemForms.parse(fields);
        String externalId = externalId(input);
        String tooLong = tooLong(input, externalId);
        if (tooLong != null) {
          error(line, tooLong);
        } else {
          rows.add(new ParsedRow(line, externalId, input));
        }
      } catch (IllegalArgumentException e) {
        error(line, e.getMessage());
      }
    }

    private String tooLong(ProblemInput input, String externalId) {
      if (externalId.length() > MAX_EXTERNAL_ID_CHARS) {
        return "id is longer than " + MAX_EXTERNAL_ID_CHARS + " characters";
      }
      String[][] texts = {
        {"id", externalId},
        {"question", input.question()},
        {"answer", input.goldAnswer()},
        {"cot", input.cot()}
      };
      for (String[] text : texts) {
        var unstorable = StorableText.problem(text[1]);
        if (unstorable.isPresent()) {
          return text[0] + " " + unstorable.get();
        }
      }
      if (input.question().length() > AgentLimits.MAX_QUESTION_CHARS) {
        return "question is longer than " + AgentLimits.MAX_QUESTION_CHARS + " characters";
      }
      if (input.goldAnswer().length() > AgentLimits.MAX_ANSWER_CHARS) {
        return "answer is longer than " + AgentLimits.MAX_ANSWER_CHARS + " characters";
      }
      if (input.cot() != null && input.cot().length() > AgentLimits.MAX_COT_CHARS) {
        return "cot is longer than " + AgentLimits.MAX_COT_CHARS + " characters";
      }
      return null;
    }
  }
}
