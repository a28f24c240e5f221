package xtal.stdlib.io.cif;

import java.util.ArrayList;
import java.util.List;
import xtal.grammar.Diagnostic;

/**
 * Reads the shared crystal CSVs ({@code material_id,…,cif}): RFC 4180 fields, quoted fields
 * spanning lines, {@code ""} escapes. Each row gives its id (the {@code material_id} column, else
 * the first), the CIF text and the line in the CSV where the CIF starts, so that CIF errors point
 * into the CSV file.
 */
public final class CsvCifSource {

  /** One row: id, the CIF text, the CSV line of the CIF's first line. */
  public record Row(String id, String cif, int cifLine) {}

  /** The rows read, and problems (missing column, unterminated quote). */
  public record Result(List<Row> rows, List<Diagnostic> diagnostics) {}

  private CsvCifSource() {}

  /** Reads a CSV with a header that has a {@code cif} column. */
  public static Result read(String source, String text) {
    List<Diagnostic> diags = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    int[] pos = {0};
    int[] line = {1};
    List<String> header = new ArrayList<>();
    List<Integer> headerLines = new ArrayList<>();
    if (!record(text, pos, line, header, headerLines, diags, source)) {
      diags.add(new Diagnostic(source, 1, 0, 0, Diagnostic.Severity.ERROR, "empty CSV"));
      return new Result(rows, diags);
    }
    int cifCol = -1, idCol = 0;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).trim();
      if (h.equalsIgnoreCase("cif")) cifCol = i;
      if (h.equalsIgnoreCase("material_id") || h.equalsIgnoreCase("id")) idCol = i;
    }
    if (cifCol < 0) {
      diags.add(new Diagnostic(source, 1, 1, 0, Diagnostic.Severity.ERROR, "the CSV header has no 'cif' column: " + String.join(",", header)));
      return new Result(rows, diags);
    }
    while (true) {
      List<String> f = new ArrayList<>();
      List<Integer> fl = new ArrayList<>();
      int rowLine = line[0];
      if (!record(text, pos, line, f, fl, diags, source)) break;
      if (f.size() == 1 && f.get(0).isBlank()) continue;
      if (f.size() <= cifCol) {
        diags.add(new Diagnostic(source, rowLine, 0, 0, Diagnostic.Severity.ERROR,
            "row has " + f.size() + " fields, the 'cif' column is field " + (cifCol + 1)));
        continue;
      }
      rows.add(new Row(f.get(idCol), f.get(cifCol), fl.get(cifCol)));
    }
    return new Result(rows, diags);
  }

  /** Reads one record into fields (with the line each starts on); false at end of text. */
  private static boolean record(String t, int[] pos, int[] line, List<String> fields, List<Integer> lines,
      List<Diagnostic> diags, String source) {
    int p = pos[0], n = t.length();
    if (p >= n) return false;
    StringBuilder sb = new StringBuilder();
    while (true) {
      lines.add(line[0]);
      sb.setLength(0);
      if (p < n && t.charAt(p) == '"') {
        int startLine = line[0];
        p++;
        while (true) {
          if (p >= n) {
            diags.add(new Diagnostic(source, startLine, 0, 0, Diagnostic.Severity.ERROR, "quoted field never closed"));
            pos[0] = n;
            fields.add(sb.toString());
            return true;
          }
          char c = t.charAt(p);
          if (c == '"') {
            if (p + 1 < n && t.charAt(p + 1) == '"') {
              sb.append('"');
              p += 2;
              continue;
            }
            p++;
            break;
          }
          if (c == '\n') line[0]++;
          sb.append(c);
          p++;
        }
      }
      while (p < n && t.charAt(p) != ',' && t.charAt(p) != '\n' && t.charAt(p) != '\r') sb.append(t.charAt(p++));
      fields.add(sb.toString());
      if (p < n && t.charAt(p) == ',') {
        p++;
        continue;
      }
      if (p < n && t.charAt(p) == '\r') p++;
      if (p < n && t.charAt(p) == '\n') p++;
      line[0]++;
      pos[0] = p;
      return true;
    }
  }
}
