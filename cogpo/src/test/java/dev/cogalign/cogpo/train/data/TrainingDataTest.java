package dev.cogalign.cogpo.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

  /** Encodes text as its characters' code points, the completion followed by id 0 as an EOS. */
  private static final TextEncoder CODE_POINTS =
      new TextEncoder() {
        @Override
        public int[] prompt(String text) {
          return text.codePoints().toArray();
        }

        @Override
        public int[] completion(String text) {
          return java.util.stream.IntStream.concat(
                  text.codePoints(), java.util.stream.IntStream.of(0))
              .toArray();
        }
      };

  @Test
  void readsPairsFromTextAndIdsKeepingCogpoBetasAndMiniTasks(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pairs.jsonl");
    Files.writeString(
        file,
        """
        {"prompt":"Q","chosen":"ab","rejected":"c","beta":0.5,"mini_task":"ALIGN","problem_id":"p1"}

        {"prompt_ids":[5,6],"chosen_ids":[7],"rejected_ids":[8,9]}
        """);
    List<TokenizedPair> cogpo = TrainingData.readPairs(file, CODE_POINTS, 0.1, true);
    assertThat(cogpo).hasSize(2);
    assertThat(cogpo.get(0).promptIds()).containsExactly('Q');
    assertThat(cogpo.get(0).chosenIds()).containsExactly('a', 'b', 0);
    assertThat(cogpo.get(0).beta()).isEqualTo(0.5);
    assertThat(cogpo.get(0).miniTask()).isEqualTo("ALIGN");
    assertThat(cogpo.get(1).promptIds()).containsExactly(5, 6);
    assertThat(cogpo.get(1).rejectedIds()).containsExactly(8, 9);
    assertThat(cogpo.get(1).beta()).isEqualTo(0.1);
    List<TokenizedPair> dpo = TrainingData.readPairs(file, CODE_POINTS, 0.1, false);
    assertThat(dpo.get(0).beta()).isEqualTo(0.1);
  }

  @Test
  void failsNamingTheLineAndFieldOfABadRow(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pairs.jsonl");
    Files.writeString(
        file,
        "{\"prompt_ids\":[1],\"chosen_ids\":[2],\"rejected_ids\":[3]}\n{\"prompt_ids\":[1],\"chosen_ids\":[2]}\n");
    assertThatThrownBy(() -> TrainingData.readPairs(file, null, 0.1, true))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("'rejected'");
    Files.writeString(file, "{\"prompt\":\"a\",\"completion\":\"b\"}\n");
    assertThatThrownBy(() -> TrainingData.readExamples(file, null))
        .hasMessageContaining("line 1: 'prompt' is text but no tokenizer was given");
  }

  @Test
  void truncationKeepsCompletionStartsAndPromptEndsAndCountsWhatItCut() {
    // max 6: prompt 2 + completion 8 → prompt whole, completion's first 4 (4 dropped);
    // prompt 8 + completion 2 → completion whole, prompt's last 4 (4 dropped)
    Truncation.Result<TokenizedExample> r =
        Truncation.examples(
            List.of(
                new TokenizedExample(new int[] {1, 2}, new int[] {3, 4, 5, 6, 7, 8, 9, 10}),
                new TokenizedExample(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, new int[] {9, 10}),
                new TokenizedExample(new int[] {1}, new int[] {2})),
            6);
    assertThat(r.items().get(0).completionIds()).containsExactly(3, 4, 5, 6);
    assertThat(r.items().get(1).promptIds()).containsExactly(5, 6, 7, 8);
    assertThat(r.items().get(2).length()).isEqualTo(2);
    assertThat(r.report()).isEqualTo(new Truncation.Report(3, 2, 4, 4));
  }

  @Test
  void pairTruncationGivesBothCompletionsTheSamePrompt() {
    // max 6, prompt 4, chosen 1, rejected 5: completion budget max(6−4, 3) = 3 → prompt keeps
    // its last 3; chosen whole, rejected first 3
    Truncation.Result<TokenizedPair> r =
        Truncation.pairs(
            List.of(
                new TokenizedPair(
                    new int[] {1, 2, 3, 4}, new int[] {5}, new int[] {6, 7, 8, 9, 10}, 1, null)),
            6);
    TokenizedPair p = r.items().get(0);
    assertThat(p.promptIds()).containsExactly(2, 3, 4);
    assertThat(p.chosenIds()).containsExactly(5);
    assertThat(p.rejectedIds()).containsExactly(6, 7, 8);
    assertThat(r.report()).isEqualTo(new Truncation.Report(1, 1, 1, 2));
  }
}
