package xtal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading the command line's text inputs the same way everywhere: a path or {@code -} for
 * standard input, UTF-8, a byte-order mark dropped, lines split at {@code \n}, {@code \r\n} or
 * {@code \r}. Reusable by every subcommand that reads sentences or queries.
 */
public final class InputLines {

  private InputLines() {}

  /** One line of input, numbered from 1, without its line end. */
  public record Line(int number, String text) {
    /** Blank, or a {@code #} comment: nothing to parse. */
    public boolean isSkippable() {
      String s = text.strip();
      return s.isEmpty() || s.startsWith("#");
    }
  }

  /** A source that could not be read; {@link #getMessage()} is the reason in words. */
  public static final class CannotRead extends Exception {
    public CannotRead(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The display name of an argument: {@code <stdin>} for {@code -}. */
  public static String name(String arg) {
    return arg.equals("-") ? "<stdin>" : arg;
  }

  /**
   * The text of a file, or of standard input for {@code -}. Invalid UTF-8 becomes U+FFFD, which no
   * grammar accepts, so it is reported at its position like any stray character.
   */
  public static String read(String arg, InputStream stdin) throws CannotRead {
    byte[] bytes;
    try {
      if (arg.equals("-")) {
        bytes = stdin.readAllBytes();
      } else {
        Path p = Path.of(arg);
        if (Files.isDirectory(p)) throw new CannotRead("is a directory");
        bytes = Files.readAllBytes(p);
      }
    } catch (NoSuchFileException e) {
      throw new CannotRead("no such file");
    } catch (AccessDeniedException e) {
      throw new CannotRead("permission denied");
    } catch (IOException | RuntimeException e) {
      throw new CannotRead(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (OutOfMemoryError e) {
      throw new CannotRead("too large to read");
    }
    return decode(bytes);
  }

  /**
   * UTF-8 with malformed bytes replaced; a leading byte-order mark removed. Text that starts with
   * a UTF-16 byte-order mark (as Windows editors save "Unicode") is decoded as UTF-16; UTF-16
   * without one is full of NUL bytes, which callers refuse as binary.
   */
  public static String decode(byte[] bytes) {
    if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
      String t = new String(bytes, StandardCharsets.UTF_16); // reads and drops the byte-order mark
      return !t.isEmpty() && t.charAt(0) == '\uFEFF' ? t.substring(1) : t;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder does not throw", e);
    }
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }

  /** The lines of a text; a final line end does not start another line. */
  public static List<Line> split(String text) {
    List<Line> lines = new ArrayList<>();
    int start = 0, number = 1;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\n' || ch == '\r') {
        lines.add(new Line(number++, text.substring(start, i)));
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
        start = i + 1;
      }
    }
    if (start < text.length()) lines.add(new Line(number, text.substring(start)));
    return lines;
  }

  /** Where the first NUL character is, as {@code {line, column}} (1-based), or null: text has none. */
  public static int[] firstNul(String text) {
    int at = text.indexOf('\0');
    if (at < 0) return null;
    int line = 1, lineStart = 0;
    for (int i = 0; i < at; i++) {
      char ch = text.charAt(i);
      if (ch == '\n' || (ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, at - lineStart + 1};
  }
}
