package xtal.stdlib.io.cif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xtal.grammar.Diagnostic;

/**
 * A CIF 1.1 reader: data blocks, tag–value pairs, loops in any column order, quoted values,
 * {@code ;} text fields, comments. It does not interpret the data (see {@link CifStructures}).
 *
 * <p>Errors are collected as {@link Diagnostic}s with the line and column of the offending token;
 * reading goes on after an error where it can, so one run reports several problems.
 */
public final class CifReader {

  /** A value as written, with its position. {@code quoted} values are never '?' or '.' placeholders. */
  public record Value(String text, int line, int column, boolean quoted) {
    /** Whether the value is CIF's "unknown" ({@code ?}) or "inapplicable" ({@code .}). */
    public boolean isMissing() {
      return !quoted && (text.equals("?") || text.equals("."));
    }
  }

  /** A loop: its tags (lower case) and rows of values, one per tag. */
  public record Loop(List<String> tags, List<List<Value>> rows, int line) {
    /** Column of a tag, or -1. */
    public int column(String tag) {
      return tags.indexOf(tag.toLowerCase(Locale.ROOT));
    }
  }

  /** One {@code data_} block: single items by tag (lower case) and loops. */
  public record Block(String name, int line, Map<String, Value> items, List<Loop> loops) {
    /** The single value of a tag, or null. */
    public Value item(String tag) {
      return items.get(tag.toLowerCase(Locale.ROOT));
    }

    /** The loop that contains a tag, or null. */
    public Loop loopWith(String tag) {
      for (Loop l : loops) if (l.column(tag) >= 0) return l;
      return null;
    }
  }

  /** The blocks read and the problems found. */
  public record Result(List<Block> blocks, List<Diagnostic> diagnostics) {}

  private record Token(String text, int line, int column, boolean quoted) {}

  private final String source;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private CifReader(String source) {
    this.source = source;
  }

  /**
   * Reads CIF text.
   *
   * @param source file name for diagnostics
   * @param text the CIF
   * @param firstLine line number of the text's first line in its file (1 for a file; more for a
   *     CIF embedded in a CSV field)
   */
  public static Result read(String source, String text, int firstLine) {
    CifReader r = new CifReader(source);
    List<Token> tokens = r.tokenize(text, firstLine);
    List<Block> blocks = r.parse(tokens, firstLine);
    return new Result(blocks, List.copyOf(r.diagnostics));
  }

  private void error(int line, int col, int len, String message) {
    diagnostics.add(new Diagnostic(source, line, col, len, Diagnostic.Severity.ERROR, message));
  }

  private List<Token> tokenize(String text, int firstLine) {
    List<Token> out = new ArrayList<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    for (int li = 0; li < lines.length; li++) {
      String s = lines[li];
      int lineNo = firstLine + li;
      if (s.startsWith(";")) {
        // text field: up to the next line that starts with ';'
        StringBuilder sb = new StringBuilder(s.substring(1));
        int start = lineNo;
        int end = li + 1;
        while (end < lines.length && !lines[end].startsWith(";")) {
          sb.append('\n').append(lines[end]);
          end++;
        }
        if (end >= lines.length) {
          error(start, 1, 1, "text field opened with ';' is never closed (a line starting with ';' is missing)");
          return out;
        }
        out.add(new Token(sb.toString().strip(), start, 1, true));
        li = end; // the closing ';' line; anything after it on that line is read as well
        s = lines[end].substring(1);
        tokenizeLine(s, firstLine + end, 2, out);
        continue;
      }
      tokenizeLine(s, lineNo, 1, out);
    }
    return out;
  }

  private void tokenizeLine(String s, int lineNo, int colBase, List<Token> out) {
    int i = 0, n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#') return;
      if (c == '\'' || c == '"') {
        // a quote closes only when followed by whitespace or the end of the line
        int j = i + 1;
        while (j < n && !(s.charAt(j) == c && (j + 1 == n || Character.isWhitespace(s.charAt(j + 1))))) j++;
        if (j >= n) {
          error(lineNo, colBase + i, n - i, "unterminated quoted value (missing closing " + c + ")");
          return;
        }
        out.add(new Token(s.substring(i + 1, j), lineNo, colBase + i, true));
        i = j + 1;
        continue;
      }
      int j = i;
      while (j < n && !Character.isWhitespace(s.charAt(j))) j++;
      out.add(new Token(s.substring(i, j), lineNo, colBase + i, false));
      i = j;
    }
  }

  private static boolean isKeyword(Token t, String kw) {
    return !t.quoted && t.text.length() >= kw.length() && t.text.regionMatches(true, 0, kw, 0, kw.length());
  }

  private static boolean isTag(Token t) {
    return !t.quoted && t.text.startsWith("_");
  }

  private static boolean isReserved(Token t) {
    return isTag(t) || isKeyword(t, "data_") || isKeyword(t, "loop_") || isKeyword(t, "save_")
        || isKeyword(t, "global_") || isKeyword(t, "stop_");
  }

  private List<Block> parse(List<Token> tokens, int firstLine) {
    List<Block> blocks = new ArrayList<>();
    String name = null;
    int blockLine = firstLine;
    Map<String, Value> items = new LinkedHashMap<>();
    List<Loop> loops = new ArrayList<>();
    int i = 0;
    boolean reportedOutside = false;
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      if (isKeyword(t, "data_")) {
        if (name != null) blocks.add(new Block(name, blockLine, items, loops));
        name = t.text.substring(5);
        blockLine = t.line;
        items = new LinkedHashMap<>();
        loops = new ArrayList<>();
        i++;
        continue;
      }
      if (name == null && !reportedOutside) {
        error(t.line, t.column, t.text.length(), "expected 'data_NAME' to open a data block, found '" + abbreviate(t.text) + "'");
        reportedOutside = true;
      }
      if (isKeyword(t, "loop_")) {
        int loopLine = t.line;
        i++;
        List<String> tags = new ArrayList<>();
        while (i < tokens.size() && isTag(tokens.get(i))) tags.add(tokens.get(i++).text.toLowerCase(Locale.ROOT));
        List<Value> values = new ArrayList<>();
        while (i < tokens.size() && !isReserved(tokens.get(i))) {
          Token v = tokens.get(i++);
          values.add(new Value(v.text, v.line, v.column, v.quoted));
        }
        if (tags.isEmpty()) {
          error(loopLine, t.column, 5, "loop_ without tags");
          continue;
        }
        if (values.size() % tags.size() != 0) {
          Value last = values.isEmpty() ? null : values.get(values.size() - 1);
          error(last == null ? loopLine : last.line(), last == null ? t.column : last.column(), 1,
              "loop with " + tags.size() + " columns has " + values.size() + " values, not a multiple of "
                  + tags.size() + " (a value is missing or unquoted text contains spaces)");
        }
        List<List<Value>> rows = new ArrayList<>();
        for (int r = 0; r + tags.size() <= values.size(); r += tags.size())
          rows.add(List.copyOf(values.subList(r, r + tags.size())));
        loops.add(new Loop(List.copyOf(tags), List.copyOf(rows), loopLine));
        continue;
      }
      if (isTag(t)) {
        if (i + 1 >= tokens.size() || isReserved(tokens.get(i + 1))) {
          error(t.line, t.column, t.text.length(), "tag " + t.text + " has no value");
          i++;
          continue;
        }
        Token v = tokens.get(i + 1);
        Value earlier = items.get(t.text.toLowerCase(Locale.ROOT));
        if (earlier != null)
          error(t.line, t.column, t.text.length(), "tag " + t.text + " appears twice in this block (first on line " + earlier.line() + ")");
        items.put(t.text.toLowerCase(Locale.ROOT), new Value(v.text, v.line, v.column, v.quoted));
        i += 2;
        continue;
      }
      if (isKeyword(t, "save_") || isKeyword(t, "global_") || isKeyword(t, "stop_")) {
        i++;
        continue;
      }
      if (name != null) error(t.line, t.column, t.text.length(), "value '" + abbreviate(t.text) + "' without a tag");
      i++;
    }
    if (name != null) blocks.add(new Block(name, blockLine, items, loops));
    return blocks;
  }

  private static String abbreviate(String s) {
    s = s.replace('\n', ' ');
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
