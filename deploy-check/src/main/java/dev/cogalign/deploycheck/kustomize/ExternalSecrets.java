package dev.cogalign.deploycheck.kustomize;

import dev.cogalign.deploycheck.DeployCheckException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Secrets an overlay references but does not contain (production's credentials are not in the
 * repository): {@value #FILE_NAME} beside its kustomization, one line per Secret, its name then the
 * keys the manifests read; {@code #} starts a comment. Kustomize ignores the file.
 *
 * @param keys the keys of each Secret, by name
 */
public record ExternalSecrets(Map<String, Set<String>> keys) {

  public static final String FILE_NAME = "external-secrets.txt";

  public static final ExternalSecrets NONE = new ExternalSecrets(Map.of());

  public ExternalSecrets {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    keys.forEach((name, k) -> copy.put(name, Set.copyOf(k)));
    keys = Map.copyOf(copy);
  }

  /** The declaration in {@code dir}, or {@link #NONE} when it has none. */
  public static ExternalSecrets read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return NONE;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new DeployCheckException("cannot read " + file, e);
    }
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    for (String line : lines) {
      String content = line.replaceFirst("#.*", "").strip();
      if (content.isEmpty()) {
        continue;
      }
      String[] words = content.split("\\s+");
      if (words.length < 2) {
        throw new DeployCheckException(file + ": '" + line + "' names no key of " + words[0]);
      }
      keys.computeIfAbsent(words[0], n -> new LinkedHashSet<>())
          .addAll(List.of(words).subList(1, words.length));
    }
    return new ExternalSecrets(keys);
  }

  /** Both declarations together. */
  public ExternalSecrets plus(ExternalSecrets other) {
    Map<String, Set<String>> merged = new LinkedHashMap<>();
    keys.forEach((name, k) -> merged.put(name, new LinkedHashSet<>(k)));
    other.keys.forEach(
        (name, k) -> merged.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(k));
    return new ExternalSecrets(merged);
  }

  /** Whether Secret {@code name} is declared with {@code key}. */
  public boolean declares(String name, String key) {
    return keys.getOrDefault(name, Set.of()).contains(key);
  }
}
