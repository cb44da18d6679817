package dev.cogalign.critic.critique;

import dev.cogalign.crv.agent.Critic;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.CritiqueResponse;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/critiques}: a verdict on a CoT for a student profile. */
@RestController
@RequestMapping("/api/v1/critiques")
class CritiqueController {
  private final Critic critic;

  CritiqueController(Critic critic) {
    this.critic = critic;
  }

  @PostMapping
  CritiqueResponse critique(@Valid @RequestBody CritiqueRequest request) {
    return critic.critique(request);
  }
}
