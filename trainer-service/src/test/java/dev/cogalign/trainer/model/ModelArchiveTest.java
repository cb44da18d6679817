package dev.cogalign.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.trainer.error.InvalidRequestException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {
  private static final long LIMIT = 1024 * 1024;

  @TempDir Path temp;

  /** A tar holding {@code entries}: a name, then its content (null: a folder). */
  private Path tar(Object... entries) throws IOException {
    Path file = temp.resolve("model-" + System.nanoTime() + ".tar");
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < entries.length; i += 2) {
        if (entries[i] instanceof TarArchiveEntry special) {
          tar.putArchiveEntry(special);
          tar.closeArchiveEntry();
          i--;
          continue;
        }
        String name = (String) entries[i];
        String content = (String) entries[i + 1];
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        byte[] bytes = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  private void refused(Path archive, String fileName, String entry, String why) {
    Path target = temp.resolve("out-" + System.nanoTime());
    assertThatThrownBy(() -> ModelArchive.unpack(archive, fileName, target, LIMIT))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .satisfies(
                        f -> {
                          assertThat(f.field()).isEqualTo("file");
                          assertThat(f.message()).contains("'" + entry + "'").contains(why);
                        }));
    assertThat(temp.resolve("x")).doesNotExist();
  }

  @Test
  void unpacksATarOfAHuggingFaceFolderWithItsFolders() throws IOException {
    Path archive = tar("tiny/", null, "tiny/config.json", "{}", "tiny/tokenizer/vocab.txt", "a b");
    Path target = temp.resolve("out");

    ModelArchive.unpack(archive, "tiny.tar", target, LIMIT);

    assertThat(target.resolve("tiny/config.json")).hasContent("{}");
    assertThat(target.resolve("tiny/tokenizer/vocab.txt")).hasContent("a b");
  }

  @Test
  void refusesAnEntryThatClimbsOutWithDotDot() throws IOException {
    refused(tar("config.json", "{}", "../x", "evil"), "m.tar", "../x", "'..'");
    refused(tar("a/../../x", "evil"), "m.tar", "a/../../x", "'..'");
  }

  @Test
  void refusesAnAbsoluteEntry() throws IOException {
    TarArchiveEntry absolute = new TarArchiveEntry("/abs", TarConstants.LF_NORMAL, true);
    refused(tar(absolute), "m.tar", "/abs", "absolute");
  }

  @Test
  void refusesSymbolicAndHardLinksAndDevices() throws IOException {
    TarArchiveEntry symlink = new TarArchiveEntry("link", TarConstants.LF_SYMLINK);
    symlink.setLinkName("/etc/passwd");
    TarArchiveEntry hardlink = new TarArchiveEntry("hard", TarConstants.LF_LINK);
    hardlink.setLinkName("/etc/passwd");
    TarArchiveEntry device = new TarArchiveEntry("dev", TarConstants.LF_CHR);

    refused(tar("config.json", "{}", symlink), "m.tar", "link", "symbolic link");
    refused(tar(hardlink), "m.tar", "hard", "hard link");
    refused(tar(device), "m.tar", "dev", "device");
  }

  @Test
  void refusesAZipWithDotDotOrASymbolicLink() throws IOException {
    Path zip = temp.resolve("m.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      out.putArchiveEntry(new ZipArchiveEntry("../x"));
      out.write("evil".getBytes(StandardCharsets.UTF_8));
      out.closeArchiveEntry();
    }
    refused(zip, "m.zip", "../x", "'..'");

    Path links = temp.resolve("links.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(links)) {
      ZipArchiveEntry link = new ZipArchiveEntry("link");
      link.setUnixMode(0120777);
      out.putArchiveEntry(link);
      out.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
      out.closeArchiveEntry();
    }
    refused(links, "links.zip", "link", "symbolic link");
  }

  @Test
  void refusesAnArchiveThatUnpacksPastTheLimitAndAnUnknownKind() throws IOException {
    refused(tar("big", "x".repeat((int) LIMIT + 1)), "m.tar", "big", "bytes unpacked");
    assertThatThrownBy(() -> ModelArchive.unpack(tar(), "m.rar", temp.resolve("o"), LIMIT))
        .hasMessageContaining(".tar, .tar.gz, .tgz or .zip");
  }
}
