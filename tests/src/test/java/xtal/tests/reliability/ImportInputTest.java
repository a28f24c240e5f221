package xtal.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.cli.Xtalc;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.io.CifWriter;
import xtal.stdlib.symmetry.Importer;
import xtal.stdlib.symmetry.ReferenceComparison;
import xtal.tests.Cli.Result;

/**
 * Structures that import used to accept silently, now errors naming the file, line and field
 * (or read correctly): POSCAR scale factors and counts, CIF tags, operations, occupancies, cell
 * angles, encodings, a named group without operations, --limit and --wildcard.
 */
class ImportInputTest {
  @TempDir Path dir;

  static final String CSCL_BODY = "1 0 0\n0 1 0\n0 0 1\nCs Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n";

  private Result importing(String name, String text, String... options) throws Exception {
    Path f = Files.writeString(dir.resolve(name), text);
    List<String> args = new ArrayList<>(List.of("import"));
    args.addAll(List.of(options));
    args.add(f.toString());
    return xtalc(args.toArray(String[]::new));
  }

  @Test
  void poscarScaleFactorsAreReadAsVaspDoes() throws Exception {
    Result one = importing("POSCAR", "CsCl\n4.1\n" + CSCL_BODY);
    assertThat(one.out()).contains("\t221-a-Cs-0-0-0-b-Cl-0.5-0.5-0.5-X-4.1-4.1-4.1-90-90-90");
    Result three = importing("POSCAR", "CsCl\n4.1 4.1 8.2\n" + CSCL_BODY);
    assertThat(three.code()).as(three.err()).isZero();
    assertThat(three.out()).as("per-axis scaling: a tetragonal cell").contains("\t123-").contains("-X-4.1-4.1-8.2-90-90-90");
    Result negative = importing("POSCAR", "CsCl\n4.1 -4.1 4.1\n" + CSCL_BODY);
    assertThat(negative.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(negative.err()).contains("POSCAR:2:").contains("three scale factors (one per axis) must all be positive, found -4.1");
  }

  @Test
  void poscarCountOverflowIsAClearMessage() throws Exception {
    Result r = importing("POSCAR", "CsCl\n4.1\n1 0 0\n0 1 0\n0 0 1\nCs Cl\n99999999999 1\nDirect\n0 0 0\n");
    assertThat(r.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(r.err()).contains("POSCAR:7:1: atom count 99999999999 is too large").doesNotContain("NumberFormat").doesNotContain("For input string");
  }

  static final String NACL_CIF = """
      data_NaCl
      _cell_length_a 5.64
      _cell_length_b 5.64
      _cell_length_c 5.64
      _cell_angle_alpha 90
      _cell_angle_beta 90
      _cell_angle_gamma 90
      _symmetry_space_group_name_H-M 'Fm-3m'
      _symmetry_Int_Tables_number 225
      loop_
      _atom_site_label
      _atom_site_type_symbol
      _atom_site_fract_x
      _atom_site_fract_y
      _atom_site_fract_z
      _atom_site_occupancy
      Na1 Na 0 0 0 1
      Cl1 Cl 0.5 0.5 0.5 1
      """;

  @Test
  void aCifThatNamesItsGroupButListsNoOperationsGetsTheGroupsOperations() throws Exception {
    Result nacl = importing("nacl.cif", NACL_CIF);
    assertThat(nacl.code()).as(nacl.err()).isZero();
    assertThat(nacl.out()).contains("NaCl\t225-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-5.64-5.64-5.64-90-90-90");
    Result byNumber = importing("n.cif", NACL_CIF.replace("_symmetry_space_group_name_H-M 'Fm-3m'\n", ""));
    assertThat(byNumber.out()).contains("\t225-");
    Result rutile = importing("rutile.cif", """
        data_rutile
        _cell_length_a 4.594
        _cell_length_b 4.594
        _cell_length_c 2.959
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        _space_group_name_H-M_alt 'P 42/m n m'
        loop_
        _atom_site_label
        _atom_site_type_symbol
        _atom_site_fract_x
        _atom_site_fract_y
        _atom_site_fract_z
        Ti1 Ti 0 0 0
        O1 O 0.3053 0.3053 0
        """);
    assertThat(rutile.code()).as(rutile.err()).isZero();
    assertThat(rutile.out()).as("never group 38 or P1").contains("\t136-a-Ti-0-0-0-f-O-");
    Result otherSetting = importing("n14.cif", NACL_CIF.replace("'Fm-3m'", "'P 1 21/n 1'").replace("225", "14"));
    assertThat(otherSetting.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(otherSetting.err()).contains("n14.cif:8:").contains("'P 1 21/n 1' is not a setting this reader knows")
        .contains("P 1 2_1/c 1");
    Result origin1 = importing("o1.cif", NACL_CIF.replace("'Fm-3m'", "'P m m n :1'").replace("225", "59"));
    assertThat(origin1.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(origin1.err()).contains("setting ':1' is not the table's");
  }

  @Test
  void everyGroupOfTheSharedDataReadsBackFromACifWithoutOperations() throws Exception {
    Path val = Path.of(System.getProperty("xtal.data", System.getenv().getOrDefault("XTAL_DATA", "../../shared/data")))
        .resolve("crystals/mp20_val.sentences.csv");
    TreeMap<Integer, String> byGroup = new TreeMap<>();
    for (String line : Files.readAllLines(val).subList(1, 3001)) {
      String[] f = line.split(",");
      byGroup.putIfAbsent(Integer.parseInt(f[1]), f[4]);
    }
    assertThat(byGroup).hasSizeGreaterThan(60);
    List<String> wrong = new ArrayList<>();
    for (String sentence : byGroup.values()) {
      Crystal c = SentenceChecker.check("v", sentence).crystal().orElseThrow();
      String cif = CifWriter.write("x", c).replaceAll("(?s)loop_\n _space_group_symop_id\n _space_group_symop_operation_xyz\n(  \\d+  '[^']*'\n)+", "");
      assertThat(cif).doesNotContain("symop");
      List<Importer.Imported> r = Importer.importText("x.cif", cif, Importer.Format.CIF, new Importer.Options(1e-3, Importer.Options.DEFAULT.choice()));
      ReferenceComparison.Verdict v = r.getFirst().ok() ? ReferenceComparison.compare(r.getFirst().structure(), sentence) : ReferenceComparison.Verdict.FAILED;
      if (v != ReferenceComparison.Verdict.AGREE && v != ReferenceComparison.Verdict.EQUIVALENT) wrong.add(sentence + " → " + v + " " + r.getFirst());
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void cifsThatAreWrongAreErrorsNamingTheField() throws Exception {
    Result duplicate = importing("dup.cif", NACL_CIF.replace("_cell_length_b 5.64\n", "_cell_length_b 5.64\n_cell_length_b 6.0\n"));
    assertThat(duplicate.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(duplicate.err()).contains("dup.cif:4:1: tag _cell_length_b appears twice in this block (first on line 3)");
    Result noAngle = importing("angle.cif", NACL_CIF.replace("_cell_angle_beta 90\n", ""));
    assertThat(noAngle.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(noAngle.err()).contains("missing cell parameter _cell_angle_beta");
    Result occupancy = importing("occ.cif", NACL_CIF.replace("Na1 Na 0 0 0 1", "Na1 Na 0 0 0 1.5"));
    assertThat(occupancy.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(occupancy.err()).contains("occ.cif:17:").contains("occupancy 1.5 of Na (site Na1) exceeds 1");
    String withOps = NACL_CIF.replace("loop_\n_atom_site_label", "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n2x,y,z\nloop_\n_atom_site_label");
    Result stretch = importing("ops.cif", withOps);
    assertThat(stretch.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(stretch.err()).contains("ops.cif:13:").contains("symmetry operation '2x,y,z' changes volumes (determinant 2): not an isometry");
    Path tetragonal = dir.resolve("t.cif");
    Result swap = importing("swap.cif", NACL_CIF.replace("_cell_length_c 5.64", "_cell_length_c 7.0")
        .replace("loop_\n_atom_site_label", "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\nz,y,x\nloop_\n_atom_site_label"));
    assertThat(swap.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(swap.err()).contains("symmetry operation 'z,y,x' does not map the cell onto itself");
  }

  @Test
  void encodingsAreReadOrRefusedClearly() throws Exception {
    Path bom = dir.resolve("bom.cif");
    Files.write(bom, ("\uFEFF" + NACL_CIF).getBytes(StandardCharsets.UTF_8));
    Result withBom = xtalc("import", bom.toString());
    assertThat(withBom.code()).as(withBom.err()).isZero();
    assertThat(withBom.out()).contains("\t225-");
    Path utf16 = dir.resolve("utf16.cif");
    Files.write(utf16, ("\uFEFF" + NACL_CIF).getBytes(StandardCharsets.UTF_16LE));
    Result wide = xtalc("import", utf16.toString());
    assertThat(wide.code()).as(wide.err()).isZero();
    Path noBom = dir.resolve("raw16.cif");
    Files.write(noBom, NACL_CIF.getBytes(StandardCharsets.UTF_16LE));
    Result raw = xtalc("import", noBom.toString());
    assertThat(raw.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(raw.err()).contains("raw16.cif:1:").contains("binary data").doesNotContain("Input length");
    assertThat(raw.err()).doesNotContain("of 0 structures");
  }

  @Test
  void limitAndWildcardAreChecked() throws Exception {
    Path f = Files.writeString(dir.resolve("nacl.cif"), NACL_CIF);
    for (String bad : List.of("0", "-1")) {
      Result r = xtalc("import", "--limit", bad, f.toString());
      assertThat(r.code()).isEqualTo(Xtalc.USAGE);
      assertThat(r.err()).contains("--limit must be at least 1, found " + bad);
    }
    Result unknown = xtalc("import", "--template", "--wildcard", "Qq", f.toString());
    assertThat(unknown.code()).isEqualTo(Xtalc.USAGE);
    assertThat(unknown.err()).contains("'Qq' is none");
    Result absent = xtalc("import", "--template", "--wildcard", "Ba", f.toString());
    assertThat(absent.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(absent.err()).contains(f + ": --wildcard Ba: no structure of this file has Ba (its elements: Cl, Na)");
    Result present = xtalc("import", "--template", "--wildcard", "Na", f.toString());
    assertThat(present.code()).as(present.err()).isZero();
  }
}
