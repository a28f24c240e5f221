package xtal.property.data;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import xtal.grammar.Diagnostic;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.symmetry.Importer;

/**
 * Reads crystals, with or without a numeric label, from the files property models train on and
 * predict for: CSV with a {@code sentence} column or a {@code cif} column (CIF text read through the
 * importer; quoted fields may span lines; an empty first header is allowed), CIF files (every data
 * block) and sentence files (one per line, blank and {@code #} lines skipped). Every crystal passes
 * the stdlib's sentence checker. Problems are positioned diagnostics and never stop the other rows.
 */
public final class CrystalSource {
  private CrystalSource() {}

  /**
   * One crystal read.
   *
   * @param source the file
   * @param line the line its record or sentence starts on
   * @param id the CSV's material_id (else the line number), the CIF data block name, or the line
   * @param value the label, NaN when none was asked for
   */
  public record Entry(String source, int line, String id, Crystal crystal, double value) {}

  /** What a file gave: the crystals read and the problems found. */
  public record Read(List<Entry> entries, List<Diagnostic> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /**
   * Reads a file.
   *
   * @param column the numeric label column (CSV only), or null for none
   * @throws IOException when the file cannot be read at all
   */
  public static Read read(Path file, String column) throws IOException {
    String name = file.toString();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) return csv(name, text, column);
    if (column != null) return new Read(List.of(), List.of(error(name, 0, "labels come from a CSV column; '" + name + "' is not a .csv file")));
    if (lower.endsWith(".cif")) return cif(name, text, 1, null);
    return sentences(name, text);
  }

  private static Read sentences(String name, String text) {
    List<Entry> out = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip();
      if (s.isEmpty() || s.startsWith("#")) continue;
      Crystal c = check(name, i + 1, s, errors);
      if (c != null) out.add(new Entry(name, i + 1, Integer.toString(i + 1), c, Double.NaN));
    }
    return new Read(out, errors);
  }

  private static Read cif(String name, String text, int firstLine, String id) {
    List<Entry> out = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();
    for (Importer.Imported r : Importer.importText(name, text, Importer.Format.CIF, Importer.Options.DEFAULT)) {
      if (!r.ok()) {
        for (Diagnostic d : r.errors())
          errors.add(new Diagnostic(name, d.line() == 0 ? firstLine : d.line() + firstLine - 1, d.column(), d.length(), d.severity(), d.message()));
        continue;
      }
      Crystal c = check(name, firstLine, r.sentence(), errors);
      if (c != null) out.add(new Entry(name, firstLine, id != null ? id : r.id(), c, Double.NaN));
    }
    return new Read(out, errors);
  }

  private record Row(int line, List<String> fields) {}

  private static Read csv(String name, String text, String column) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
      long end = 0;
      for (CSVRecord r : parser) {
        rows.add(new Row((int) end + 1, r.toList()));
        end = parser.getCurrentLineNumber();
      }
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      return new Read(List.of(), List.of(error(name, 0, "not a readable CSV file: " + e.getMessage())));
    }
    if (rows.isEmpty()) return new Read(List.of(), List.of(error(name, 1, "empty CSV file")));
    List<String> header = rows.get(0).fields().stream().map(String::strip).toList();
    int sentence = header.indexOf("sentence"), cif = header.indexOf("cif"), id = header.indexOf("material_id");
    int label = column == null ? -1 : header.indexOf(column);
    if (sentence < 0 && cif < 0)
      return new Read(List.of(), List.of(error(name, 1, "the CSV header has neither a 'sentence' nor a 'cif' column: " + String.join(",", header))));
    if (column != null && label < 0)
      return new Read(List.of(), List.of(error(name, 1, "the CSV header has no column '" + column + "'; it has " + String.join(",", header))));
    int crystalColumn = sentence >= 0 ? sentence : cif;
    List<Read> parts =
        rows.subList(1, rows.size()).parallelStream()
            .map(row -> csvRow(name, row, header, crystalColumn, sentence >= 0, id, label))
            .toList();
    List<Entry> out = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();
    for (Read p : parts) {
      out.addAll(p.entries());
      errors.addAll(p.errors());
    }
    return new Read(out, errors);
  }

  private static Read csvRow(String name, Row row, List<String> header, int crystalColumn, boolean isSentence, int idColumn, int label) {
    List<String> f = row.fields();
    if (f.size() == 1 && f.get(0).isBlank()) return new Read(List.of(), List.of());
    if (f.size() != header.size())
      return new Read(List.of(), List.of(error(name, row.line(), "row has " + f.size() + " fields, the header " + header.size())));
    double value = Double.NaN;
    if (label >= 0) {
      String v = f.get(label).strip();
      try {
        value = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
      if (!Double.isFinite(value))
        return new Read(List.of(), List.of(error(name, row.line(), "column '" + header.get(label) + "' must be a finite number, found '" + v + "'")));
    }
    String id = idColumn >= 0 ? f.get(idColumn) : Integer.toString(row.line());
    if (isSentence) {
      List<Diagnostic> errors = new ArrayList<>();
      Crystal c = check(name, row.line(), f.get(crystalColumn).strip(), errors);
      return c == null ? new Read(List.of(), errors) : new Read(List.of(new Entry(name, row.line(), id, c, value)), List.of());
    }
    Read r = cif(name, f.get(crystalColumn), row.line(), id);
    if (r.entries().size() > 1)
      return new Read(List.of(), List.of(error(name, row.line(), "the 'cif' field holds " + r.entries().size() + " structures; one per row")));
    double labelled = value;
    List<Entry> e = r.entries().stream().map(x -> new Entry(x.source(), x.line(), x.id(), x.crystal(), labelled)).toList();
    return new Read(e, r.errors());
  }

  /** A sentence through the stdlib's checker; null (and an error added) when it is not a crystal. */
  private static Crystal check(String name, int line, String sentence, List<Diagnostic> errors) {
    CheckResult r = SentenceChecker.check(name, line, sentence);
    if (r.ok()) return r.crystal().get();
    errors.addAll(r.errors());
    return null;
  }

  private static Diagnostic error(String source, int line, String message) {
    return new Diagnostic(source, line, 0, 0, Diagnostic.Severity.ERROR, message);
  }
}
