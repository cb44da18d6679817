package dev.cogalign.trainer.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Registers a Hugging Face folder on this service's file system as a base model. */
public record RegisterModelRequest(
    @NotBlank @Size(max = 4096) String path, @Size(max = 200) String name) {}
