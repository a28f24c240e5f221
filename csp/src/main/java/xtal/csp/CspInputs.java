package xtal.csp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import xtal.eval.StructureMatcher;
import xtal.grammar.Diagnostic;
import xtal.stdlib.data.Csv;
import xtal.stdlib.io.cif.CifStructures;
import xtal.stdlib.io.cif.CsvCifSource;
import xtal.stdlib.symmetry.Structure;

/**
 * Reads the compositions of a batch: a CSV with {@code material_id,formula} and optionally
 * {@code atoms} (atoms per primitive cell), or crystals (a CSV with a {@code cif} column, or a
 * {@code .cif} file) whose compositions and primitive-cell atom counts are the input and whose
 * structures are kept as the ground truth of the benchmark. A bad row is a {@link Row.Invalid}
 * naming file, line and reason; the other rows are read on.
 */
public final class CspInputs {
  private CspInputs() {}

  /** One row of the input. */
  public sealed interface Row {
    /** Where it came from: {@code FILE:LINE}. */
    String where();

    String id();

    /** @param truth the crystal the row was read from (CIF input), else null */
    record Target(String where, String id, CspTarget target, StructureMatcher.Prepared truth) implements Row {}

    record Invalid(String where, String id, String formula, String message) implements Row {}
  }

  /**
   * Reads {@code file}; {@code atoms} (when present) replaces the atom count of formula rows that
   * give none, {@code groups} applies to every row.
   *
   * @throws IOException naming the file when it cannot be read or has no usable header
   */
  public static List<Row> read(Path file, OptionalInt atoms, GroupChoice groups) throws IOException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IOException(file + ": cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    String name = file.toString();
    if (name.toLowerCase(Locale.ROOT).endsWith(".cif")) return crystals(name, List.of(new CsvCifSource.Row(baseName(file), text, 1)), groups);
    String first = text.lines().findFirst().orElse("");
    List<String> header = Csv.split(first).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    if (header.contains("cif")) {
      CsvCifSource.Result r = CsvCifSource.read(name, text);
      for (Diagnostic d : r.diagnostics()) if (d.isError()) throw new IOException(d.format());
      return crystals(name, r.rows(), groups);
    }
    int formulaCol = header.indexOf("formula"), atomsCol = header.indexOf("atoms");
    int idCol = header.contains("material_id") ? header.indexOf("material_id") : header.indexOf("id");
    if (formulaCol < 0) throw new IOException(name + ":1: the header needs a 'formula' column (or a 'cif' column), found: " + first.strip());
    List<Row> rows = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) continue;
      String where = name + ":" + (i + 1);
      List<String> f = Csv.split(line);
      String id = idCol >= 0 && idCol < f.size() ? f.get(idCol).strip() : "row" + i;
      if (formulaCol >= f.size()) {
        rows.add(new Row.Invalid(where, id, "", "no formula column in this row"));
        continue;
      }
      String formula = f.get(formulaCol).strip();
      OptionalInt n = atoms;
      if (atomsCol >= 0 && atomsCol < f.size() && !f.get(atomsCol).isBlank()) {
        try {
          n = OptionalInt.of(Integer.parseInt(f.get(atomsCol).strip()));
        } catch (NumberFormatException e) {
          rows.add(new Row.Invalid(where, id, formula, "atoms '" + f.get(atomsCol).strip() + "' is not a whole number"));
          continue;
        }
      }
      rows.add(formulaRow(where, id, formula, n, groups));
    }
    return rows;
  }

  /** A row from a formula: {@link Row.Invalid} when the formula does not parse. */
  public static Row formulaRow(String where, String id, String formula, OptionalInt atoms, GroupChoice groups) {
    try {
      return new Row.Target(where, id, new CspTarget(id, Composition.parse(formula), atoms, groups), null);
    } catch (IllegalArgumentException e) {
      return new Row.Invalid(where, id, formula, e.getMessage());
    }
  }

  private static List<Row> crystals(String name, List<CsvCifSource.Row> cifs, GroupChoice groups) {
    List<Row> rows = new ArrayList<>();
    for (CsvCifSource.Row c : cifs) {
      String where = name + ":" + c.cifLine();
      List<CifStructures.Read> read = CifStructures.read(name, c.cif(), c.cifLine());
      CifStructures.Read r = read.getFirst();
      if (!r.ok()) {
        String why = r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).findFirst().orElse("unreadable CIF");
        rows.add(new Row.Invalid(where, c.id(), "", why));
        continue;
      }
      Structure s = r.structure();
      try {
        Composition comp = Composition.ofSymbols(s.species());
        StructureMatcher.Prepared truth = StructureMatcher.prepare(s.toCell());
        // the primitive cell's atoms, as the query counts them; the file's cell if that search failed
        int n = truth.size() % comp.reduced().atoms() == 0 ? truth.size() : s.size();
        rows.add(new Row.Target(where, c.id(), new CspTarget(c.id(), comp.reduced().times(n / comp.reduced().atoms()), OptionalInt.of(n), groups), truth));
      } catch (IllegalArgumentException e) {
        rows.add(new Row.Invalid(where, c.id(), "", e.getMessage()));
      }
    }
    return rows;
  }

  private static String baseName(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.length() - 4);
  }
}
