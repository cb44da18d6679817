package dev.cogalign.deploycheck.image;

import dev.cogalign.deploycheck.DeployCheckException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Dockerfile must keep as the project changes: a {@code COPY <module>/pom.xml} for every
 * module of the root pom (else the dependency layer's reactor is incomplete and the build fails),
 * base images pinned to a minor version or finer (no floating {@code 17-jre} or {@code latest}),
 * and a numeric non-root {@code USER}. Also usable for any image reference ({@link #pinned}).
 */
public final class ImageRules {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern ARG = Pattern.compile("(?m)^ARG\\s+([A-Z_]+)=(\\S+)");
  private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
  private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");
  private static final Pattern VERSION = Pattern.compile(":[^:@]*\\d+\\.\\d+[^:@]*$");

  private ImageRules() {}

  /** Violations of the Dockerfile at {@code root}, checked against the root pom's modules. */
  public static List<String> dockerfile(Path root) {
    String dockerfile = read(root.resolve("Dockerfile"));
    String pom = read(root.resolve("pom.xml"));
    List<String> violations = new ArrayList<>();
    Matcher module = MODULE.matcher(pom);
    while (module.find()) {
      String m = module.group(1).strip();
      if (!dockerfile.contains("COPY " + m + "/pom.xml ")) {
        violations.add("Dockerfile: no COPY " + m + "/pom.xml for the dependency layer");
      }
    }
    Map<String, String> args = new LinkedHashMap<>();
    Matcher arg = ARG.matcher(dockerfile);
    while (arg.find()) {
      args.put(arg.group(1), arg.group(2));
    }
    Matcher from = FROM.matcher(dockerfile);
    while (from.find()) {
      String image = from.group(1);
      Matcher variable = Pattern.compile("^\\$\\{([A-Z_]+)}$").matcher(image);
      if (variable.matches()) {
        image = args.get(variable.group(1));
      }
      boolean stage =
          image == null || !image.contains(":") && !image.contains("/") || image.contains("${");
      if (!stage && !pinned(image)) {
        violations.add("Dockerfile: base image " + image + " is not pinned to a version");
      }
    }
    Matcher user = USER.matcher(dockerfile);
    boolean numeric = false;
    while (user.find()) {
      numeric = user.group(1).matches("[1-9]\\d*(:\\d+)?");
    }
    if (!numeric) {
      violations.add("Dockerfile: the last USER is not a numeric non-root user");
    }
    return violations;
  }

  /**
   * Whether an image reference names a version to its minor at least ({@code 18.1}) or a digest.
   */
  public static boolean pinned(String image) {
    return image.contains("@sha256:") || VERSION.matcher(image).find();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new DeployCheckException("cannot read " + file, e);
    }
  }
}
