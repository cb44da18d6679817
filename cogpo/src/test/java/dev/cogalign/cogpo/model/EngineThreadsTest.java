package dev.cogalign.cogpo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineThreadsTest {

  @Test
  void setsTheIntraOpThreadsOfTheCallingThreadAndTheLoadProperty() {
    int before = EngineThreads.current();
    String property = System.getProperty(EngineThreads.PROPERTY);
    try {
      EngineThreads.use(before + 1);
      assertThat(EngineThreads.current()).isEqualTo(before + 1);
      assertThat(System.getProperty(EngineThreads.PROPERTY))
          .isEqualTo(Integer.toString(before + 1));
    } finally {
      EngineThreads.use(before);
      if (property == null) {
        System.clearProperty(EngineThreads.PROPERTY);
      } else {
        System.setProperty(EngineThreads.PROPERTY, property);
      }
    }
    assertThat(EngineThreads.current()).isEqualTo(before);
  }

  @Test
  void runsWorkWithTheGivenThreadsAndGivesTheCallingThreadItsCountBackEvenWhenItFails() {
    int before = EngineThreads.current();
    int during = before + 1;

    assertThat(EngineThreads.during(during, EngineThreads::current)).isEqualTo(during);
    assertThat(EngineThreads.current()).isEqualTo(before);
    assertThatThrownBy(
            () ->
                EngineThreads.during(
                    during,
                    () -> {
                      throw new IllegalStateException("failed at " + EngineThreads.current());
                    }))
        .hasMessage("failed at " + during);
    assertThat(EngineThreads.current()).isEqualTo(before);
    assertThatThrownBy(() -> EngineThreads.during(0, () -> 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsFewerThanOneThread() {
    assertThatThrownBy(() -> EngineThreads.use(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 must be >= 1");
  }
}
