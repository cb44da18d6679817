package dev.cogalign.cogpo.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * llama2.c's tokenizer file ({@code tok512.bin}): {@code int max_token_length}, then per token a
 * float score, an int length and the UTF-8 bytes. Encodes as llama2.c's {@code encode}: a leading
 * space (SentencePiece's dummy prefix), one token per character with byte fallback ({@code <0xXX>}
 * = byte + 3), then repeated merging of the adjacent pair whose merge scores highest.
 */
public final class Llama2cTokenizer implements TextTokenizer {

  public static final int BOS = 1;
  public static final int EOS = 2;
  private static final int BYTE_OFFSET = 3;

  private final String[] pieces;
  private final float[] scores;
  private final Map<String, Integer> ids = new HashMap<>();

  private Llama2cTokenizer(String[] pieces, float[] scores) {
    this.pieces = pieces;
    this.scores = scores;
    for (int i = 0; i < pieces.length; i++) {
      ids.putIfAbsent(pieces[i], i);
    }
  }

  /** Reads {@code vocabSize} tokens from a llama2.c tokenizer file. */
  public static Llama2cTokenizer load(Path file, int vocabSize) {
    if (!Files.isRegularFile(file)) {
      throw new TokenizerException("missing llama2.c tokenizer " + file);
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      in.getInt(); // max_token_length
      String[] pieces = new String[vocabSize];
      float[] scores = new float[vocabSize];
      for (int i = 0; i < vocabSize; i++) {
        scores[i] = in.getFloat();
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        pieces[i] = new String(bytes, StandardCharsets.UTF_8);
      }
      return new Llama2cTokenizer(pieces, scores);
    } catch (IOException | RuntimeException e) {
      throw new TokenizerException("cannot read llama2.c tokenizer " + file, e);
    }
  }

  public int vocabSize() {
    return pieces.length;
  }

  @Override
  public int[] encode(String text) {
    List<Integer> tokens = new ArrayList<>();
    if (text.isEmpty()) {
      return new int[0];
    }
    tokens.add(ids.get(" "));
    text.codePoints()
        .forEach(
            cp -> {
              String ch = new String(Character.toChars(cp));
              Integer id = ids.get(ch);
              if (id != null) {
                tokens.add(id);
              } else {
                for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
                  tokens.add((b & 0xff) + BYTE_OFFSET);
                }
              }
            });
    while (true) {
      float best = Float.NEGATIVE_INFINITY;
      int bestId = -1;
      int bestAt = -1;
      for (int i = 0; i + 1 < tokens.size(); i++) {
        Integer merged = ids.get(pieces[tokens.get(i)] + pieces[tokens.get(i + 1)]);
        if (merged != null && scores[merged] > best) {
          best = scores[merged];
          bestId = merged;
          bestAt = i;
        }
      }
      if (bestAt < 0) {
        break;
      }
      tokens.set(bestAt, bestId);
      tokens.remove(bestAt + 1);
    }
    return tokens.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Pieces joined, byte tokens as bytes, BOS/EOS dropped, the dummy leading space removed. */
  @Override
  public String decode(int[] tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int id : tokens) {
      if (id == BOS || id == EOS) {
        continue;
      }
      String piece = pieces[id];
      if (piece.length() == 6 && piece.startsWith("<0x") && piece.endsWith(">")) {
        out.write(Integer.parseInt(piece.substring(3, 5), 16));
      } else {
        out.writeBytes(piece.getBytes(StandardCharsets.UTF_8));
      }
    }
    String text = out.toString(StandardCharsets.UTF_8);
    return text.startsWith(" ") ? text.substring(1) : text;
  }

  @Override
  public OptionalInt bosTokenId() {
    return OptionalInt.of(BOS);
  }

  @Override
  public OptionalInt eosTokenId() {
    return OptionalInt.of(EOS);
  }

  /** llama2.c's run.c stops when the model emits BOS; EOS ends a sequence too. */
  @Override
  public Set<Integer> stopTokenIds() {
    return Set.of(BOS, EOS);
  }

  @Override
  public int padTokenId() {
    return 0;
  }

  @Override
  public String applyChatTemplate(List<Map<String, Object>> messages, boolean addGenerationPrompt) {
    throw new TokenizerException("llama2.c models have no chat template");
  }

  @Override
  public void close() {
    // nothing native
  }
}
