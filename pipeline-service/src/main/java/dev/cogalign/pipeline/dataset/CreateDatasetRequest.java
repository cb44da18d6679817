package dev.cogalign.pipeline.dataset;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/datasets} body. */
public record CreateDatasetRequest(
    @NotBlank @Size(max = CreateDatasetRequest.MAX_NAME_CHARS) String name) {
  public static final int MAX_NAME_CHARS = 200;
}
