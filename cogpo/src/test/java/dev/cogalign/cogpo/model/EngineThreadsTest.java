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
  void rejectsFewerThanOneThread() {
    assertThatThrownBy(() -> EngineThreads.use(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 must be >= 1");
  }
}
