package dev.cogalign.crv.cot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The parsed CoT as services store and send it: JSON through Jackson 3. */
class CotJsonTest {
  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void survivesAJsonRoundTrip() {
    Cot cot =
        CotParser.parse(
            "<think>hm</think>\nNatalia sold 48/2 = <<48/2=24>>24 clips.\nThen 48+24=<<48+24=72>>72.\n#### 72");
    String text = json.writeValueAsString(cot);
    assertThat(text)
        .contains("\"finalAnswer\":\"72\"")
        .contains("\"think\":\"hm\"")
        .contains("{\"expression\":\"48/2\",\"value\":\"24\"}");
    assertThat(json.readValue(text, Cot.class)).isEqualTo(cot);
  }
}
