package dev.cogalign.launcher.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ports for services whose URL other services are given before they listen. A port probed free can
 * be taken before its service binds it, and the busiest takers while a platform starts are its own
 * outgoing connections (to PostgreSQL, between services) and port-0 binds, which the kernel serves
 * from its ephemeral range. So ports are picked outside that range ({@code
 * /proc/sys/net/ipv4/ip_local_port_range}, else Linux's default 32768–60999), where only a program
 * asking for that very port can take one; a probe that finds a port in use moves on to the next.
 */
final class FreePorts {

  private static final Logger log = LoggerFactory.getLogger(FreePorts.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  static final Path EPHEMERAL_RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  static final Range LINUX_DEFAULT_EPHEMERAL = new Range(32768, 60999);

  /** The lowest port a user may bind. */
  static final int LOWEST = 1024;

  static final int HIGHEST = 65535;

  private FreePorts() {}

  /** An inclusive range of ports. */
  record Range(int low, int high) {
    boolean contains(int port) {
      return port >= low && port <= high;
    }
  }

  /**
   * {@code count} different ports, none of them in {@code taken}, each free when probed and outside
   * this machine's ephemeral range (inside it only if too few are outside).
   */
  static List<Integer> pick(int count, Set<Integer> taken) {
    return pick(count, taken, ephemeralRange(EPHEMERAL_RANGE_FILE));
  }

  static List<Integer> pick(int count, Set<Integer> taken, Range ephemeral) {
    List<Integer> candidates = new ArrayList<>();
    for (int port = LOWEST; port <= HIGHEST; port++) {
      if (!ephemeral.contains(port) && !taken.contains(port)) {
        candidates.add(port);
      }
    }
    List<ServerSocket> held = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      int start = candidates.isEmpty() ? 0 : RANDOM.nextInt(candidates.size());
      for (int i = 0; i < candidates.size() && ports.size() < count; i++) {
        int port = candidates.get((start + i) % candidates.size());
        ServerSocket socket = probe(port);
        if (socket != null) {
          held.add(socket);
          ports.add(port);
        }
      }
      while (ports.size() < count) {
        ServerSocket socket = new ServerSocket(0);
        held.add(socket);
        if (!taken.contains(socket.getLocalPort())) {
          ports.add(socket.getLocalPort());
        }
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException e) {
          log.debug("closing a probe socket", e);
        }
      }
    }
  }

  /** A socket listening on {@code port} on every address, or {@code null} if it is in use. */
  private static ServerSocket probe(int port) {
    try {
      return new ServerSocket(port);
    } catch (IOException inUse) {
      return null;
    }
  }

  /** The ephemeral range {@code file} gives ("low high"), else Linux's default. */
  static Range ephemeralRange(Path file) {
    try {
      String[] bounds = Files.readString(file, StandardCharsets.US_ASCII).trim().split("\\s+");
      return new Range(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
    } catch (IOException | RuntimeException e) {
      return LINUX_DEFAULT_EPHEMERAL;
    }
  }
}
