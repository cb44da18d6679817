package dev.cogalign.deploycheck.kustomize;

import dev.cogalign.deploycheck.DeployCheckException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads YAML files (one or many {@code ---} documents) into plain maps and lists. */
public final class YamlDocuments {

  private YamlDocuments() {}

  /** Every non-empty document of {@code file}, each a mapping. */
  public static List<Map<String, Object>> read(Path file) {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object document : yaml().loadAll(reader)) {
        if (document == null) {
          continue;
        }
        documents.add(mapping(document, file));
      }
    } catch (IOException e) {
      throw new DeployCheckException("cannot read " + file, e);
    } catch (RuntimeException e) {
      if (e instanceof DeployCheckException) {
        throw e;
      }
      throw new DeployCheckException(file + " is not valid YAML: " + e.getMessage(), e);
    }
    return documents;
  }

  /** The one document of {@code file}. */
  public static Map<String, Object> readOne(Path file) {
    List<Map<String, Object>> documents = read(file);
    if (documents.size() != 1) {
      throw new DeployCheckException(file + " holds " + documents.size() + " documents, not 1");
    }
    return documents.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapping(Object document, Path file) {
    if (!(document instanceof Map<?, ?> map)) {
      throw new DeployCheckException(file + ": a document is not a mapping: " + document);
    }
    return (Map<String, Object>) map;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options));
  }
}
