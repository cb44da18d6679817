package dev.cogalign.launcher.platform;

import dev.cogalign.launcher.CogAlignCli;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The command that starts another {@code cogalign} JVM like this one: this JVM's {@code java}, the
 * given JVM options, then {@code -jar launcher.jar} when this JVM runs the launcher's executable
 * jar, else {@code -cp <this class path> CogAlignCli} (tests, IDEs). The subcommand and its
 * arguments follow.
 */
public final class JavaCommand {

  private JavaCommand() {}

  /** {@code java <jvmOptions> (-jar launcher.jar | -cp … CogAlignCli)}. */
  public static List<String> of(List<String> jvmOptions) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> out = new ArrayList<>();
    out.add(java);
    out.addAll(jvmOptions);
    String classPath = System.getProperty("java.class.path");
    if (isBootJar(classPath)) {
      out.add("-jar");
      out.add(classPath);
    } else {
      out.add("-cp");
      out.add(classPath);
      out.add(CogAlignCli.class.getName());
    }
    return out;
  }

  /** Whether the class path is one Spring Boot executable jar (the launcher's, run with -jar). */
  private static boolean isBootJar(String classPath) {
    if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
      return false;
    }
    try (JarFile jar = new JarFile(classPath)) {
      Manifest manifest = jar.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
    } catch (IOException e) {
      return false;
    }
  }
}
