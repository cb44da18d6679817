package dev.cogalign.verifier.verification;

import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.agent.VerificationResponse;
import dev.cogalign.crv.agent.Verifier;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/verifications}: whether a CoT is correct, its answer, per-step findings. */
@RestController
@RequestMapping("/api/v1/verifications")
class VerificationController {
  private final Verifier verifier;

  VerificationController(Verifier verifier) {
    this.verifier = verifier;
  }

  @PostMapping
  VerificationResponse verify(@Valid @RequestBody VerificationRequest request) {
    return verifier.verify(request);
  }
}
