package xtal.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import xtal.grammar.Diagnostic;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.io.SentenceTable;
import xtal.stdlib.io.cif.CifReader;
import xtal.stdlib.io.cif.CifStructures;
import xtal.stdlib.io.cif.CsvCifSource;
import xtal.stdlib.symmetry.Structure;

/**
 * Reads a set of crystals to evaluate. Every structure in the input gives one {@link Entry}, the
 * ones that do not build included (they count as structurally invalid), so the denominators of the
 * metrics are the number of samples written.
 *
 * <p>Accepted inputs: a sentences file (one crystal sentence per line; blank lines and {@code #}
 * comments skipped); a CSV whose header has a {@code sentence} column (the shared
 * {@code *.sentences.csv}) or a {@code cif} column (the shared CIF CSVs); a CIF file (every data
 * block); a directory written by {@code xtalc sample} ({@code samples.sentences}); any other
 * directory: its {@code *.cif} files, sorted by name, in it and its subdirectories.
 */
public final class Samples {
  private Samples() {}

  /**
   * One structure read.
   *
   * @param where {@code FILE:LINE} or the CIF block it came from
   * @param crystal the checked crystal when the input was a sentence that checks; null otherwise
   * @param cell the atoms of the conventional cell; null when the structure did not build
   * @param group the space group the sample asks for (the sentence's group, or a CIF's declared
   *     {@code _space_group_IT_number} when above 1); 0 when unknown
   * @param problem why it did not build, {@code FILE:LINE:COL: message}; null when it built
   */
  public record Entry(String where, Crystal crystal, UnitCell cell, int group, String problem) {
    public boolean built() {
      return cell != null;
    }
  }

  /** Reads a path in any accepted form. @throws IOException when it cannot be read at all */
  public static List<Entry> read(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      Path sentences = path.resolve("samples.sentences");
      if (Files.isRegularFile(sentences)) return read(sentences);
      List<Path> cifs;
      try (Stream<Path> s = Files.walk(path)) {
        cifs = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".cif")).sorted().toList();
      }
      if (cifs.isEmpty()) throw new IOException(path + ": no samples.sentences and no .cif files in this directory");
      List<Entry> out = new ArrayList<>();
      for (Path p : cifs) out.addAll(cif(p.toString(), Files.readString(p, StandardCharsets.UTF_8), 1));
      return out;
    }
    if (!Files.isRegularFile(path)) throw new IOException(path + ": no such file or directory");
    String text = Files.readString(path, StandardCharsets.UTF_8);
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".cif")) return cif(path.toString(), text, 1);
    SentenceTable.Result table = SentenceTable.read(path.toString(), text, "sentence", "cif");
    // a CSV without the column, or with rows too short for it, is an error, not a sample per line
    if (table.csv() && table.entries().isEmpty() && !table.problems().isEmpty()) throw new IOException(table.problems().getFirst().format());
    if ("cif".equals(table.column())) return cifCsv(path.toString(), text);
    return sentences(path.toString(), table);
  }

  /**
   * Sentences, one per line, or a CSV with a {@code sentence} column (header first); positions in
   * problems count from line 1 of {@code source}.
   */
  public static List<Entry> sentences(String source, List<String> lines) {
    return sentences(source, SentenceTable.sentences(source, String.join("\n", lines)));
  }

  private static List<Entry> sentences(String source, SentenceTable.Result table) {
    List<Entry> out = new ArrayList<>();
    for (Diagnostic d : table.problems()) out.add(new Entry(source + ":" + d.line(), null, null, 0, d.format()));
    for (SentenceTable.Entry e : table.entries()) {
      String where = source + ":" + e.line();
      String text = e.text();
      int offset = e.column();
      int lead = text.length() - text.stripLeading().length();
      CheckResult r = SentenceChecker.check(source, e.line(), text.strip());
      Optional<Crystal> c = r.crystal();
      if (c.isEmpty()) {
        Diagnostic d = r.errors().isEmpty() ? null : r.errors().get(0);
        String why = d == null ? where + ":1: not a crystal sentence"
            : source + ":" + d.line() + ":" + (d.column() + offset + lead) + ": " + d.message();
        out.add(new Entry(where, null, null, 0, why));
        continue;
      }
      out.add(new Entry(where, c.get(), c.get().expand(), c.get().group().number(), null));
    }
    return out;
  }

  /** Every data block of a CIF text. */
  public static List<Entry> cif(String source, String text, int firstLine) {
    List<Entry> out = new ArrayList<>();
    CifReader.Result r = CifReader.read(source, text, firstLine);
    if (r.blocks().isEmpty()) {
      String why = r.diagnostics().isEmpty() ? source + ":" + firstLine + ":1: no data block (data_NAME) in the CIF" : r.diagnostics().get(0).format();
      out.add(new Entry(source + ":" + firstLine, null, null, 0, why));
      return out;
    }
    for (CifReader.Block b : r.blocks()) {
      String where = source + ":" + b.line() + " (data_" + b.name() + ")";
      List<Diagnostic> d = new ArrayList<>();
      for (Diagnostic x : r.diagnostics()) if (r.blocks().size() == 1 || x.line() >= b.line()) d.add(x);
      Structure s = d.isEmpty() ? CifStructures.toStructure(source, b, d) : null;
      int group = declaredGroup(b);
      if (s == null || !d.isEmpty()) {
        out.add(new Entry(where, null, null, group, d.isEmpty() ? where + ": cannot read the structure" : d.get(0).format()));
        continue;
      }
      try {
        out.add(new Entry(where, null, s.toCell(), group, null));
      } catch (IllegalArgumentException e) {
        out.add(new Entry(where, null, null, group, where + ": " + e.getMessage()));
      }
    }
    return out;
  }

  /** A CSV with a {@code cif} column: one entry per CIF block of every row. */
  public static List<Entry> cifCsv(String source, String text) {
    List<Entry> out = new ArrayList<>();
    CsvCifSource.Result csv = CsvCifSource.read(source, text);
    for (Diagnostic d : csv.diagnostics()) out.add(new Entry(source + ":" + d.line(), null, null, 0, d.format()));
    for (CsvCifSource.Row row : csv.rows()) out.addAll(cif(source, row.cif(), row.cifLine()));
    return out;
  }

  private static int declaredGroup(CifReader.Block b) {
    for (String tag : new String[] {"_space_group_it_number", "_symmetry_int_tables_number"}) {
      CifReader.Value v = b.item(tag);
      if (v == null || v.isMissing()) continue;
      try {
        int g = Integer.parseInt(v.text().strip());
        if (g >= 2 && g <= 230) return g; // 1 is only the setting a P1 file is written in
      } catch (NumberFormatException e) {
        // not a number: treated as undeclared
      }
    }
    return 0;
  }
}
