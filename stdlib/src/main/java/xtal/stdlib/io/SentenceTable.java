package xtal.stdlib.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import xtal.grammar.Diagnostic;

/**
 * The one reader of "sentences, or a CSV with a {@code sentence} (or {@code cif}) column" that
 * every command uses: plain text is one sentence per line (blank and {@code #} lines skipped);
 * text whose first such line holds a comma is a CSV (RFC 4180 through Apache Commons CSV: quoted
 * headers and fields, doubled quotes, multi-line quoted fields, an empty first header as pandas
 * writes its index) — a sentence never contains a comma, so the test cannot mistake one.
 *
 * <p>Header names are matched without regard to case or surrounding blanks. A CSV whose header
 * has none of the wanted columns is an error naming the header, never read as sentences.
 */
public final class SentenceTable {
  private SentenceTable() {}

  /**
   * One value to read.
   *
   * @param line the 1-based line where the field starts
   * @param column the 0-based offset in that line where the field's text starts (after an opening
   *     quote), so a diagnostic at column c of the text is at column c + column of the file
   * @param text the field's text (for plain input the whole line)
   * @param id the row's {@code material_id} (or {@code id}) when the CSV has one, else null
   */
  public record Entry(int line, int column, String text, String id) {}

  /**
   * What was read.
   *
   * @param column the column read ({@code sentence} or {@code cif}), or null for plain lines
   * @param entries the values, in file order
   * @param problems errors (a header without the column, a short row, an unclosed quote), each
   *     with its line
   */
  public record Result(String column, List<Entry> entries, List<Diagnostic> problems) {
    public boolean csv() {
      return column != null;
    }
  }

  /** Sentences: plain lines, or a CSV's {@code sentence} column. */
  public static Result sentences(String source, String text) {
    return read(source, text, "sentence");
  }

  /**
   * Plain lines, or the first of {@code columns} (in that order of preference) that a CSV's
   * header has.
   */
  public static Result read(String source, String text, String... columns) {
    int[] lineStarts = lineStarts(text);
    int first = firstContentLine(text, lineStarts);
    if (first < 0) return new Result(null, List.of(), List.of());
    String firstLine = lineText(text, lineStarts, first);
    if (firstLine.indexOf(',') < 0) return plain(text, lineStarts);
    List<Entry> entries = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();
    int offset = lineStarts[first];
    try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(offset)), format)) {
      String wanted = null;
      int col = -1, idCol = -1;
      int headerWidth = 0;
      for (CSVRecord r : parser) {
        int start = offset + (int) r.getCharacterPosition();
        int line = lineOf(lineStarts, start);
        if (wanted == null) {
          List<String> header = Arrays.stream(r.values()).map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
          for (String c : columns)
            if (header.contains(c)) {
              wanted = c;
              col = header.indexOf(c);
              break;
            }
          if (wanted == null) {
            problems.add(error(source, line, "the CSV header has no " + String.join(" or ", quoted(columns))
                + " column: " + String.join(",", r.values())));
            return new Result(columns[0], List.of(), problems);
          }
          idCol = header.indexOf("material_id") >= 0 ? header.indexOf("material_id") : header.indexOf("id");
          headerWidth = header.size();
          continue;
        }
        if (r.size() == 1 && r.get(0).isBlank()) continue;
        if (r.size() == 1 && r.get(0).startsWith("#")) continue;
        if (r.size() <= col) {
          problems.add(error(source, line, "row has " + r.size() + " field" + (r.size() == 1 ? "" : "s")
              + ", the '" + wanted + "' column is field " + (col + 1) + " of " + headerWidth));
          continue;
        }
        int[] at = fieldStart(text, start, col);
        String id = idCol >= 0 && idCol < r.size() ? r.get(idCol).strip() : null;
        entries.add(new Entry(lineOf(lineStarts, at[0]), at[0] - lineStarts[lineOf(lineStarts, at[0]) - 1], r.get(col), id));
      }
      if (wanted == null) return new Result(columns[0], List.of(), problems);
      return new Result(wanted, entries, problems);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      // Commons CSV reports an unclosed quote or text after a closing quote this way
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      problems.add(error(source, lineOf(lineStarts, text.length()), "not a valid CSV: " + why.lines().findFirst().orElse(why)));
      return new Result(columns[0], entries, problems);
    }
  }

  private static Diagnostic error(String source, int line, String message) {
    return new Diagnostic(source, line, 0, 0, Diagnostic.Severity.ERROR, message);
  }

  private static List<String> quoted(String[] columns) {
    return Arrays.stream(columns).map(c -> "'" + c + "'").toList();
  }

  private static Result plain(String text, int[] lineStarts) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lineStarts.length; i++) {
      String l = lineText(text, lineStarts, i);
      String s = l.strip();
      if (s.isEmpty() || s.startsWith("#")) continue;
      entries.add(new Entry(i + 1, 0, l, null));
    }
    return new Result(null, entries, List.of());
  }

  /** Offsets where each line starts (after {@code \n}, {@code \r\n} or {@code \r}). */
  static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
      if (c == '\n' || c == '\r') starts.add(i + 1);
    }
    if (starts.size() > 1 && starts.getLast() == text.length()) starts.removeLast();
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String lineText(String text, int[] starts, int i) {
    int end = i + 1 < starts.length ? starts[i + 1] : text.length();
    while (end > starts[i] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
    return text.substring(starts[i], end);
  }

  private static int firstContentLine(String text, int[] starts) {
    for (int i = 0; i < starts.length; i++) {
      String s = lineText(text, starts, i).strip();
      if (!s.isEmpty() && !s.startsWith("#")) return i;
    }
    return -1;
  }

  /** The 1-based line holding offset {@code at}. */
  private static int lineOf(int[] starts, int at) {
    int i = Arrays.binarySearch(starts, at);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /** Where field {@code k} of the record starting at {@code p} begins: {offset of its text}. */
  private static int[] fieldStart(String t, int p, int k) {
    int n = t.length();
    for (int f = 0; f < k && p < n; f++) {
      if (t.charAt(p) == '"') {
        p++;
        while (p < n) {
          if (t.charAt(p) == '"') {
            if (p + 1 < n && t.charAt(p + 1) == '"') p += 2;
            else {
              p++;
              break;
            }
          } else p++;
        }
      }
      while (p < n && t.charAt(p) != ',') p++;
      p++; // the comma
    }
    if (p < n && t.charAt(p) == '"') p++;
    return new int[] {Math.min(p, n)};
  }
}
