package xtal.stdlib.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import xtal.grammar.Diagnostic;
import xtal.stdlib.io.cif.CifReader;
import xtal.stdlib.io.cif.CifStructures;
import xtal.stdlib.io.cif.CsvCifSource;
import xtal.stdlib.symmetry.Importer;
import xtal.stdlib.symmetry.SymmetryFinder;

/**
 * The CIF reader on what real files contain, and a clear positioned error for each kind of bad
 * file. Expected sentences are worked out by hand from the structures' textbook descriptions.
 */
class CifImportTest {

  /** Rutile in P4_2/mnm with its 16 operations; columns reordered, uncertainties, quotes, a text field. */
  static final String RUTILE = """
      # rutile, written the way databases write CIFs
      data_rutile
      _chemical_name_common   'titanium dioxide'
      _publ_section_title
      ;
      The structure of rutile; a text field
      that spans lines (and contains 'quotes' and _tags)
      ;
      _cell_length_a    4.5940(3)
      _cell_length_b    4.5940(3)
      _cell_length_c    2.9590(2)   # comments may follow values
      _cell_angle_alpha 90
      _cell_angle_beta  90.0
      _cell_angle_gamma 90.00
      _symmetry_space_group_name_H-M  'P 42/m n m'
      loop_
      _space_group_symop_id
      _space_group_symop_operation_xyz
      1 'x, y, z'
      2 '-x, -y, z'
      3 '-y+1/2, x+1/2, z+1/2'
      4 'y+1/2, -x+1/2, z+1/2'
      5 '-x+1/2, y+1/2, -z+1/2'
      6 'x+1/2, -y+1/2, -z+1/2'
      7 'y, x, -z'
      8 '-y, -x, -z'
      9 '-x, -y, -z'
      10 'x, y, -z'
      11 'y+1/2, -x+1/2, -z+1/2'
      12 '-y+1/2, x+1/2, -z+1/2'
      13 'x+1/2, -y+1/2, z+1/2'
      14 '-x+1/2, y+1/2, z+1/2'
      15 '-y, -x, z'
      16 'y, x, z'
      loop_
      _atom_site_fract_z
      _atom_site_label
      _atom_site_occupancy
      _atom_site_fract_y
      _atom_site_type_symbol
      _atom_site_fract_x
      0 Ti1 1.0 0 Ti4+ 0
      0 O1 1.000 0.3053(4) O2- 0.3053(4)
      """;

  static final String RUTILE_SENTENCE = "136-a-Ti-0-0-0-f-O-0.3053-0.3053-0-X-4.594-4.594-2.959-90-90-90";

  /** Rock salt as a P1 conventional cell, with the older symmetry tag. */
  static final String ROCK_SALT = """
      data_NaCl
      _cell_length_a 5.64
      _cell_length_b 5.64
      _cell_length_c 5.64
      _cell_angle_alpha 90
      _cell_angle_beta 90
      _cell_angle_gamma 90
      loop_
       _symmetry_equiv_pos_as_xyz
       x,y,z
      loop_
       _atom_site_label
       _atom_site_fract_x
       _atom_site_fract_y
       _atom_site_fract_z
       Na1 0 0 0
       Na2 0 0.5 0.5
       Na3 0.5 0 0.5
       Na4 0.5 0.5 0
       Cl1 0.5 0.5 0.5
       Cl2 0.5 0 0
       Cl3 0 0.5 0
       Cl4 0 0 0.5
      """;

  static List<Importer.Imported> run(String text) {
    return Importer.importText("t.cif", text, Importer.Format.CIF, Importer.Options.DEFAULT);
  }

  static Importer.Imported one(String text) {
    List<Importer.Imported> r = run(text);
    assertThat(r).hasSize(1);
    return r.get(0);
  }

  static int lineOf(String text, String needle) {
    return text.substring(0, text.indexOf(needle)).split("\n", -1).length;
  }

  @Test
  void readsWhatRealFilesContain() {
    Importer.Imported r = one(RUTILE);
    assertThat(r.errors()).isEmpty();
    assertThat(r.id()).isEqualTo("rutile");
    assertThat(r.sentence()).isEqualTo(RUTILE_SENTENCE);
  }

  @Test
  void tokensKeepQuotedSpacesAndTextFields() {
    CifReader.Result r = CifReader.read("t.cif", RUTILE, 1);
    assertThat(r.diagnostics()).isEmpty();
    CifReader.Block b = r.blocks().get(0);
    assertThat(b.item("_chemical_name_common").text()).isEqualTo("titanium dioxide");
    assertThat(b.item("_publ_section_title").text()).startsWith("The structure of rutile; a text field").contains("'quotes' and _tags");
    assertThat(b.item("_cell_length_c").text()).isEqualTo("2.9590(2)");
    assertThat(CifStructures.number("0.2573(4)")).isEqualTo(0.2573);
  }

  @Test
  void everyDataBlockIsAStructure() {
    List<Importer.Imported> r = run(RUTILE + "\n" + ROCK_SALT);
    assertThat(r).extracting(Importer.Imported::id).containsExactly("rutile", "NaCl");
    assertThat(r.get(0).sentence()).isEqualTo(RUTILE_SENTENCE);
    // both origins are standard; the default (spglib) choice keeps the input's, on Na, the
    // canonical one breaks the tie by element symbol
    assertThat(r.get(1).sentence()).isEqualTo("225-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-5.64-5.64-5.64-90-90-90");
    List<Importer.Imported> canonical = Importer.importText("t.cif", ROCK_SALT, Importer.Format.CIF,
        new Importer.Options(SymmetryFinder.DEFAULT_SYMPREC, SymmetryFinder.Choice.CANONICAL));
    assertThat(canonical.get(0).sentence()).isEqualTo("225-a-Cl-0-0-0-b-Na-0.5-0.5-0.5-X-5.64-5.64-5.64-90-90-90");
  }

  @Test
  void anErrorInOneBlockLeavesTheOthers() {
    String broken = ROCK_SALT.replace("data_NaCl", "data_broken").replace("Cl4 0 0 0.5", "Cl4 0 0 'oops");
    List<Importer.Imported> r = run(RUTILE + broken + ROCK_SALT);
    assertThat(r).extracting(Importer.Imported::id).containsExactly("rutile", "broken", "NaCl");
    assertThat(r).extracting(Importer.Imported::ok).containsExactly(true, false, true);
    assertThat(r.get(1).errors()).extracting(Diagnostic::message).contains("unterminated quoted value (missing closing ')");
  }

  @Test
  void csvColumnKeepsIdsAndPointsErrorsIntoTheCsv() {
    String csv = "material_id,pretty_formula,cif\n"
        + "rs-1,NaCl,\"" + ROCK_SALT.replace("\"", "\"\"") + "\"\n"
        + "bad-2,X,\"data_bad\n_cell_length_a 3\n\"\n";
    CsvCifSource.Result rows = CsvCifSource.read("s.csv", csv);
    assertThat(rows.rows()).extracting(CsvCifSource.Row::id).containsExactly("rs-1", "bad-2");
    List<Importer.Imported> r = Importer.importText("s.csv", csv, Importer.Format.CSV, Importer.Options.DEFAULT);
    assertThat(r.get(0).ok()).isTrue();
    assertThat(r.get(1).ok()).isFalse();
    Diagnostic d = r.get(1).errors().get(0);
    // the bad row's CIF starts on line 21 of the CSV (header, 19 lines of rock salt, then this row)
    assertThat(d.line()).isEqualTo(csv.substring(0, csv.indexOf("data_bad")).split("\n", -1).length);
    assertThat(d.format()).startsWith("s.csv:" + d.line() + ":").contains("missing cell parameter _cell_length_b");
  }

  @Test
  void missingCell() {
    Importer.Imported r = one(ROCK_SALT.replace("_cell_length_b 5.64\n", ""));
    assertThat(r.ok()).isFalse();
    assertThat(r.errors()).extracting(Diagnostic::format).containsExactly("t.cif:1: data_NaCl: missing cell parameter _cell_length_b");
  }

  @Test
  void missingCoordinates() {
    Importer.Imported r = one(ROCK_SALT.substring(0, ROCK_SALT.lastIndexOf("loop_")));
    assertThat(r.errors()).extracting(Diagnostic::format)
        .containsExactly("t.cif:1: data_NaCl: missing atom coordinates (no _atom_site_fract_x loop)");
    Importer.Imported bad = one(ROCK_SALT.replace("Cl4 0 0 0.5", "Cl4 0 ? 0.5"));
    assertThat(bad.errors()).extracting(Diagnostic::format).containsExactly("t.cif:23:8: bad or missing coordinate '?'");
  }

  @Test
  void partialOccupancyIsRefusedWithItsPosition() {
    String text = RUTILE.replace("0 O1 1.000 0.3053(4)", "0 O1 0.5 0.3053(4)");
    Importer.Imported r = one(text);
    assertThat(r.ok()).isFalse();
    Diagnostic d = r.errors().get(0);
    assertThat(d.line()).isEqualTo(lineOf(text, "0 O1 0.5"));
    assertThat(d.column()).isEqualTo(6); // the occupancy value, after the indentation-stripped "0 O1 "
    assertThat(d.message()).contains("partial occupancy 0.5 of O (site O1)").contains("ordered crystal");
  }

  @Test
  void overlappingAtoms() {
    Importer.Imported r = one(ROCK_SALT.replace("Cl4 0 0 0.5", "Cl4 0 0 0.005"));
    assertThat(r.ok()).isFalse();
    assertThat(r.errors().get(0).format()).startsWith("t.cif:").contains("on top of each other").contains("Na").contains("Cl");
  }

  @Test
  void garbage() {
    assertThat(one("hello world }{ 12 'x").errors()).extracting(Diagnostic::format)
        .containsExactly("t.cif:1:19: unterminated quoted value (missing closing ')",
            "t.cif:1:1: expected 'data_NAME' to open a data block, found 'hello'");
    assertThat(one("just some words\nand more").errors()).extracting(Diagnostic::format)
        .containsExactly("t.cif:1:1: expected 'data_NAME' to open a data block, found 'just'");
    assertThat(one("").errors()).extracting(Diagnostic::message).containsExactly("no data block (data_NAME) in the CIF");
    assertThat(one("data_x\n;\nnever closed\n").errors()).extracting(Diagnostic::format)
        .containsExactly("t.cif:2:1: text field opened with ';' is never closed (a line starting with ';' is missing)");
    assertThat(one(ROCK_SALT.replace("Cl4 0 0 0.5", "Cl4 0 0")).errors()).extracting(Diagnostic::message)
        .anyMatch(m -> m.contains("loop with 4 columns has 31 values"));
    assertThat(one(ROCK_SALT.replace("_cell_length_a 5.64", "_cell_length_a abc")).errors()).extracting(Diagnostic::format)
        .containsExactly("t.cif:2:16: bad value 'abc' for _cell_length_a");
    assertThat(one(ROCK_SALT.replace("Na4", "Xx4")).errors()).extracting(Diagnostic::message)
        .containsExactly("unknown element 'Xx4'");
  }
}
