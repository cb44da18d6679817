package dev.cogalign.trainer.experiment;

import java.util.Arrays;
import java.util.Locale;

/**
 * The arms of the CRV comparison. Both SFT arms get the same steps and batch size; the preference
 * arms start from {@code sft_crv}'s model, and the control continues it with SFT for as many steps
 * as they get.
 */
public enum Arm {
  /** SFT on the teacher's original CoTs of the run's dataset. */
  SFT_TEACHER,
  /** SFT on the run's CRV-verified CoTs of the same problems. */
  SFT_CRV,
  /** From sft_crv: DPO on the run's pairs with one beta. */
  DPO,
  /** From sft_crv: CogPO on the same pairs with a beta per mini-task. */
  COGPO,
  /** The control: sft_crv trained with SFT for as many more steps as the preference arms. */
  SFT_CRV_CONTINUED;

  /** The arm's name in requests and reports: {@code sft_teacher}, {@code sft_crv}, … */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Arm parse(String key) {
    for (Arm arm : values()) {
      if (arm.key().equalsIgnoreCase(key)) {
        return arm;
      }
    }
    throw new IllegalArgumentException(
        "'" + key + "' is not an arm: one of " + Arrays.stream(values()).map(Arm::key).toList());
  }

  /** Whether the arm starts from sft_crv's model. */
  public boolean fromSftCrv() {
    return this == DPO || this == COGPO || this == SFT_CRV_CONTINUED;
  }
}
