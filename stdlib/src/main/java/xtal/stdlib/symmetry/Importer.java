package xtal.stdlib.symmetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import xtal.grammar.Diagnostic;
import xtal.stdlib.io.cif.CifStructures;
import xtal.stdlib.io.cif.CsvCifSource;
import xtal.stdlib.io.poscar.PoscarReader;

/**
 * The importer's library entry point: files (CIF with any number of data blocks, the shared CSVs
 * with a {@code cif} column, POSCAR) to standardized structures and crystal sentences, one result
 * per structure, failures as positioned diagnostics that never stop the other structures.
 *
 * <pre>{@code
 * for (Importer.Imported r : Importer.importFile(Path.of("NaCl.cif"), Importer.Options.DEFAULT))
 *   System.out.println(r.ok() ? r.sentence() : r.errors());
 * }</pre>
 */
public final class Importer {

  /** Input formats; {@link #detect} picks one from the name and the text. */
  public enum Format {
    CIF,
    CSV,
    POSCAR
  }

  /**
   * One structure's result.
   *
   * @param id the CSV id, the CIF data block name, or the POSCAR file name
   * @param source the file it came from
   * @param structure the standardized structure; null when it failed
   * @param errors why it failed (empty on success)
   */
  public record Imported(String id, String source, StandardStructure structure, List<Diagnostic> errors) {
    public boolean ok() {
      return structure != null;
    }

    /** The sentence in the reference form; only for {@link #ok()} results. */
    public String sentence() {
      return structure.sentence();
    }
  }

  /**
   * How to import.
   *
   * @param symprec distance tolerance in Å ({@link SymmetryFinder#DEFAULT_SYMPREC})
   * @param choice which standard description to write
   */
  public record Options(double symprec, SymmetryFinder.Choice choice) {
    public static final Options DEFAULT = new Options(SymmetryFinder.DEFAULT_SYMPREC, SymmetryFinder.Choice.SPGLIB);
  }

  private Importer() {}

  /** Reads and imports a file; the format comes from its name and content. */
  public static List<Imported> importFile(Path file, Options options) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return importText(file.toString(), text, detect(file.getFileName().toString(), text), options);
  }

  /** The format of a file from its name ({@code .cif}, {@code .csv}, {@code POSCAR*}, {@code .vasp}), else its text. */
  public static Format detect(String name, String text) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv")) return Format.CSV;
    if (n.endsWith(".cif")) return Format.CIF;
    if (n.contains("poscar") || n.contains("contcar") || n.endsWith(".vasp")) return Format.POSCAR;
    String head = text.length() > 2000 ? text.substring(0, 2000) : text;
    String first = head.lines().findFirst().orElse("");
    if (first.contains(",") && first.toLowerCase(Locale.ROOT).contains("cif")) return Format.CSV;
    if (head.contains("data_")) return Format.CIF;
    return Format.POSCAR;
  }

  /** Imports every structure of a text in the given format. */
  public static List<Imported> importText(String source, String text, Format format, Options options) {
    List<Imported> out = new ArrayList<>();
    importText(source, text, format, options, Integer.MAX_VALUE, out::add);
    return out;
  }

  /** CSV rows standardized together on all cores before their results are handed on, in order. */
  private static final int CHUNK = 64;

  /**
   * Imports the first {@code limit} structures of a text, handing each result to {@code sink} in
   * file order as soon as it (and every one before it) is done: a caller can print as it goes,
   * and an interrupted run keeps what was handed on.
   */
  public static void importText(String source, String text, Format format, Options options, int limit, java.util.function.Consumer<Imported> sink) {
    int[] left = {limit};
    java.util.function.Consumer<Imported> limited = r -> {
      if (left[0]-- > 0) sink.accept(r);
    };
    switch (format) {
      case CSV -> {
        CsvCifSource.Result csv = CsvCifSource.read(source, text);
        for (Diagnostic d : csv.diagnostics()) limited.accept(new Imported("?", source, null, List.of(d)));
        List<CsvCifSource.Row> rows = csv.rows();
        // rows are independent: standardize a chunk of them on all cores, keeping the file's order
        for (int i = 0; i < rows.size() && left[0] > 0; i += CHUNK) {
          rows.subList(i, Math.min(rows.size(), i + CHUNK)).parallelStream()
              .map(row -> {
                List<Imported> one = new ArrayList<>();
                for (CifStructures.Read r : CifStructures.read(source, row.cif(), row.cifLine()))
                  one.add(finish(row.id(), source, r.structure(), r.diagnostics(), row.cifLine(), options));
                return one;
              })
              .toList()
              .forEach(l -> l.forEach(limited));
        }
      }
      case CIF -> {
        for (CifStructures.Read r : CifStructures.read(source, text, 1)) {
          if (left[0] <= 0) break;
          limited.accept(finish(r.name(), source, r.structure(), r.diagnostics(), 1, options));
        }
      }
      case POSCAR -> {
        PoscarReader.Result r = PoscarReader.read(source, text);
        String id = Path.of(source).getFileName().toString();
        limited.accept(finish(id, source, r.structure(), r.diagnostics(), 1, options));
      }
    }
  }

  /** Standardizes one structure read without errors; finder failures point at {@code line}. */
  private static Imported finish(String id, String source, Structure s, List<Diagnostic> read, int line, Options options) {
    if (s == null || !read.isEmpty()) return new Imported(id, source, null, List.copyOf(read));
    try {
      return new Imported(id, source, SymmetryFinder.standardize(s, options.symprec(), options.choice()), List.of());
    } catch (SymmetryFinder.SymmetryException e) {
      return new Imported(id, source, null,
          List.of(new Diagnostic(source, line, 0, 0, Diagnostic.Severity.ERROR, id + ": " + e.getMessage())));
    } catch (RuntimeException e) {
      // a bug in the finder must not stop the other structures of a collection
      return new Imported(id, source, null, List.of(new Diagnostic(source, line, 0, 0, Diagnostic.Severity.ERROR,
          id + ": internal error in the symmetry finder (please report): " + e)));
    }
  }

  /** Imports one structure already in memory. */
  public static Imported importStructure(String id, Structure s, Options options) {
    return finish(id, id, s, List.of(), 0, options);
  }

  /**
   * A template query from a standardized structure: the same group, Wyckoff letters and
   * coordinates, the lattice left open ({@code X-?}), and chosen elements or sites turned into
   * wildcards. Each wildcard element becomes one bound name ({@code $A=?} where it first occurs,
   * {@code $A} after), so every site that held it holds the same new element; each wildcard site
   * becomes {@code ?} on its own.
   *
   * @param name the query name (made a valid identifier)
   * @param elements element symbols to turn into wildcards
   * @param letters Wyckoff letters whose sites get any element
   * @param freeCoordinates write {@code ?} for the coordinates the Wyckoff position leaves free
   * @return the text of a {@code query NAME { structure … }} block
   */
  public static String template(StandardStructure st, String name, Set<String> elements, Set<Character> letters,
      boolean freeCoordinates) {
    Map<String, String> bound = new LinkedHashMap<>();
    StringBuilder sb = new StringBuilder().append(st.group());
    for (StandardStructure.Site s : st.sites()) {
      sb.append('-').append(s.letter()).append('-');
      if (letters.contains(s.letter())) sb.append('?');
      else if (elements.contains(s.element())) {
        String var = bound.get(s.element());
        if (var == null) {
          var = bindName(bound.size());
          bound.put(s.element(), var);
          sb.append('$').append(var).append("=?");
        } else sb.append('$').append(var);
      } else sb.append(s.element());
      boolean[] free = freeCoordinates ? freeCoordinates(st.group(), s.letter()) : new boolean[3];
      for (int k = 0; k < 3; k++) sb.append('-').append(free[k] ? "?" : StandardStructure.number(s.xyz()[k], 6));
    }
    sb.append("-X-?");
    return "query " + identifier(name) + " {\n    structure " + sb + "\n}\n";
  }

  /** A, B, …, Z, then A1, B1, … — names for bound wildcard elements. */
  private static String bindName(int i) {
    String base = String.valueOf((char) ('A' + i % 26));
    return i < 26 ? base : base + (i / 26);
  }

  /** Which coordinates of the position's representative are free parameters. */
  static boolean[] freeCoordinates(int group, char letter) {
    for (WyckoffTable.Position p : WyckoffTable.group(group).positions())
      if (p.letter() == letter) {
        boolean[] f = new boolean[3];
        for (int i = 0; i < 3; i++) f[i] = p.coeff()[i][0] != 0 || p.coeff()[i][1] != 0 || p.coeff()[i][2] != 0;
        return f;
      }
    return new boolean[3];
  }

  /** A query name the grammar reads as one identifier: {@code import_} + the id's word characters. */
  static String identifier(String id) {
    return "import_" + id.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
