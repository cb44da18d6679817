package dev.cogalign.trainer.model;

import dev.cogalign.trainer.error.InvalidRequestException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks an uploaded model archive ({@code .tar}, {@code .tar.gz}/{@code .tgz} or {@code .zip})
 * into a fresh folder, safely: only regular files and folders, each strictly inside the folder. An
 * absolute entry, an entry with a {@code ..} segment, a symbolic or hard link, a device or FIFO, or
 * more than {@code maxBytes} unpacked refuses the whole archive with a 400 on {@code file} naming
 * the entry. Nothing the archive holds can create a link, so nothing written can lead outside.
 */
final class ModelArchive {
  static final String FIELD = "file";

  private final Path target;
  private final long maxBytes;
  private long written;

  private ModelArchive(Path target, long maxBytes) {
    this.target = target.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
  }

  /** Unpacks {@code archive}, whose kind {@code fileName} names, into {@code target} (created). */
  static void unpack(Path archive, String fileName, Path target, long maxBytes) throws IOException {
    Files.createDirectories(target);
    ModelArchive unpacker = new ModelArchive(target, maxBytes);
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".zip")) {
      unpacker.zip(archive);
    } else if (name.endsWith(".tar")) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
        unpacker.tar(in);
      }
    } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      try (InputStream in =
          new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
        unpacker.tar(in);
      }
    } else {
      throw new InvalidRequestException(
          FIELD, "must be a .tar, .tar.gz, .tgz or .zip of a Hugging Face folder");
    }
  }

  private void tar(InputStream in) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        String kind =
            entry.isSymbolicLink()
                ? "a symbolic link"
                : entry.isLink()
                    ? "a hard link"
                    : entry.isCharacterDevice() || entry.isBlockDevice()
                        ? "a device"
                        : entry.isFIFO() ? "a FIFO" : null;
        if (kind == null && !entry.isDirectory() && !entry.isFile()) {
          kind = "neither a file nor a folder";
        }
        write(entry.getName(), entry.isDirectory(), kind, tar);
      }
    }
  }

  private void zip(Path archive) throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        String kind = entry.isUnixSymlink() ? "a symbolic link" : null;
        try (InputStream in = zip.getInputStream(entry)) {
          write(entry.getName(), entry.isDirectory(), kind, in);
        }
      }
    }
  }

  /** Writes one entry after checking it; {@code refused} names why it cannot be, if it cannot. */
  private void write(String name, boolean directory, String refused, InputStream content)
      throws IOException {
    if (refused != null) {
      throw refuse(name, "is " + refused + "; only files and folders are accepted");
    }
    Path path = inside(name);
    if (path.equals(target) && !directory) {
      throw refuse(name, "is not a file name");
    }
    if (directory) {
      Files.createDirectories(path);
      return;
    }
    Files.createDirectories(path.getParent());
    try (OutputStream out = Files.newOutputStream(path)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
        written += n;
        if (written > maxBytes) {
          throw refuse(name, "takes the archive past " + maxBytes + " bytes unpacked");
        }
        out.write(buffer, 0, n);
      }
    }
  }

  /** Where entry {@code name} goes: strictly inside the target, or a 400 naming it. */
  private Path inside(String name) {
    String plain = name.replace('\\', '/');
    if (plain.isEmpty()
        || plain.startsWith("/")
        || plain.matches("^[A-Za-z]:.*")
        || plain.indexOf('\u0000') >= 0) {
      throw refuse(name, "is an absolute path");
    }
    for (String segment : plain.split("/")) {
      if (segment.equals("..")) {
        throw refuse(name, "has a '..' segment");
      }
    }
    Path path = target.resolve(plain).normalize();
    if (!path.startsWith(target)) {
      throw refuse(name, "lies outside the model folder");
    }
    return path;
  }

  private static InvalidRequestException refuse(String entry, String why) {
    String shown = entry.replace('\u0000', '?');
    return new InvalidRequestException(FIELD, "archive entry '" + shown + "' " + why);
  }
}
