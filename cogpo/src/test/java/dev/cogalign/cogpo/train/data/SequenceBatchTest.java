package dev.cogalign.cogpo.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceBatchTest {

  @Test
  void rightPadsRowsAndMasksPromptAndPadding() {
    SequenceBatch b =
        SequenceBatch.of(
            List.of(
                new TokenizedExample(new int[] {5, 6}, new int[] {7}),
                new TokenizedExample(new int[] {1}, new int[] {2, 3, 4})),
            9);
    assertThat(b.rows()).isEqualTo(2);
    assertThat(b.length()).isEqualTo(4);
    assertThat(b.ids()).containsExactly(5, 6, 7, 9, 1, 2, 3, 4);
    assertThat(b.attentionMask()).containsExactly(1, 1, 1, 0, 1, 1, 1, 1);
    assertThat(b.completionMask()).containsExactly(0, 0, 1, 0, 0, 1, 1, 1);
    assertThat(b.scoredTokens()).containsExactly(1, 3);
    assertThat(b.realTokens()).isEqualTo(7);
  }

  @Test
  void aCompletionTokenAtPositionZeroIsNotScoredBecauseNothingPredictsIt() {
    SequenceBatch b =
        SequenceBatch.of(List.of(new TokenizedExample(new int[0], new int[] {3, 4})), 0);
    assertThat(b.completionMask()).containsExactly(0, 1);
    assertThat(b.scoredTokens()).containsExactly(1);
  }

  @Test
  void collatesPairsChosenRowsFirst() {
    PreferenceBatch b =
        PreferenceBatch.of(
            List.of(
                new TokenizedPair(new int[] {1}, new int[] {2, 3}, new int[] {4}, 0.5, "ALIGN"),
                new TokenizedPair(new int[] {5}, new int[] {6}, new int[] {7, 8, 9}, 2, null)),
            0);
    // rows: [1,2,3,0], [5,6,0,0], [1,4,0,0], [5,7,8,9]
    assertThat(b.sequences().ids()).containsExactly(1, 2, 3, 0, 5, 6, 0, 0, 1, 4, 0, 0, 5, 7, 8, 9);
    assertThat(b.chosenTokens()).containsExactly(2, 1);
    assertThat(b.betas()).containsExactly(0.5, 2.0);
  }
}
