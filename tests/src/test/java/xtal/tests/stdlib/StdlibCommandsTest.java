package xtal.tests.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.cli.Xtalc;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.io.cif.CifStructures;

/** End to end: xtalc check, cif and group on the shared data. */
class StdlibCommandsTest {

  record Run(int exit, String out, String err) {}

  static Run xtalc(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int exit = Xtalc.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  static Path data() {
    String d = System.getProperty("xtal.data", System.getenv().getOrDefault("XTAL_DATA", "../../shared/data"));
    return Path.of(d);
  }

  static List<Path> sentenceFiles() throws IOException {
    try (Stream<Path> s = Files.list(data().resolve("crystals"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".sentences.csv")).sorted().toList();
    }
  }

  /** Every shared sentence passes check, and the atom count printed is the file's natoms. */
  @Test
  void everySharedSentencePassesCheckWithItsNatoms() throws IOException {
    int total = 0;
    for (Path file : sentenceFiles()) {
      List<String> rows = Files.readAllLines(file);
      Run r = xtalc("check", file.toString());
      assertThat(r.exit()).as("%s: %s", file, r.out().lines().filter(l -> !l.startsWith("ok")).limit(5).toList()).isZero();
      List<String> lines = r.out().lines().toList();
      assertThat(lines).hasSize(rows.size() - 1);
      for (int i = 0; i < lines.size(); i++) {
        String natoms = rows.get(i + 1).split(",")[2];
        assertThat(lines.get(i)).as("%s line %d", file, i + 2).startsWith("ok  ").contains("  " + natoms + " atoms  ");
      }
      total += lines.size();
    }
    assertThat(total).isGreaterThan(36_000);
  }

  @Test
  void brokenSentencesGetPositionedMessagesAndExit1(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.txt");
    Files.writeString(f, String.join("\n",
        "# one good, then one broken rule per line",
        "225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.64",
        "225-a-La-0-0-0-m-H-0.1-0.2-0.3-X-5.1",
        "225-c-H-1/4-1/4-1/4-b-La-1/2-1/2-1/2-X-5.1",
        "225-a-La-0-0-0-a-H-0-0-0-X-5.1",
        "225-a-La-0-0-0-c-H-0.3-0.25-0.25-X-5.1",
        "225-a-La-0-0-0-f-H-0.375-0.3-0.375-X-5.1",
        "167-a-C-b-Ca-e-O-0.257-0-X-4.99-17.07",
        "225-a-La-0-0-0-X-5.1-5.2-5.1-90-90-90",
        "225-a-La-0-0-0-X-0",
        "2-a-La-0-0-0-X-3-4-5-10-10-170",
        "225-a-Xx-0-0-0-X-5.1",
        "231-a-La-0-0-0-X-5.1",
        ""));
    Run r = xtalc("check", f.toString());
    assertThat(r.exit()).isEqualTo(Xtalc.DATA_ERROR);
    String p = f.toString();
    assertThat(r.out().lines().toList()).containsExactly(
        "ok  NaCl  8 atoms  179.406 Å^3",
        p + ":3:16: letter 'm' does not exist in Fm-3m (225), whose letters run a..l",
        p + ":4:21: letter 'b' after 'c': letters never decrease",
        p + ":5:16: position 225a has no free coordinate and is used twice",
        p + ":6:20: x of site 'c' must be 1/4 (fixed by 225c), found 0.3",
        p + ":7:26: y of site 'f' must equal x (tied by x,x,x), found 0.3 (x = 0.375)",
        p + ":8:14: site 'e' of 167 takes 3 coordinates (full form) or 1 (compact form: x), found 2",
        p + ":9:18: cubic lattice needs a = b = c, found 5.1, 5.2, 5.1",
        p + ":10:18: lattice length a must be positive, found 0",
        p + ":11:16: angles 10, 10, 170 do not form a valid cell",
        p + ":12:7: unknown element 'Xx'",
        p + ":13:1: space group 231 does not exist (groups run 1..230)");
    assertThat(r.err()).contains("11 of 12 sentences failed");
  }

  @Test
  void csvDiagnosticsPointIntoTheFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("x.sentences.csv");
    Files.writeString(f, "material_id,spacegroup,natoms,nsites,sentence\nm-1,225,8,2,225-a-Na-0-0-0-b-Cl-0.4-0.5-0.5-X-5.64\n");
    Run r = xtalc("check", f.toString());
    assertThat(r.exit()).isEqualTo(Xtalc.DATA_ERROR);
    // the sentence starts at column 13; 0.4 is its 21st character
    assertThat(r.out().strip()).isEqualTo(f + ":2:33: x of site 'b' must be 1/2 (fixed by 225b), found 0.4");
    assertThat(xtalc("check", dir.resolve("missing.txt").toString()).err()).contains("missing.txt: cannot read: no such file");
  }

  /** CIFs of the mini set (and P1 CIFs, and POSCARs) are written and read back to the expanded cell. */
  @Test
  void cifWritesFilesThatReadBackToTheSameAtoms(@TempDir Path dir) throws IOException {
    Path mini = data().resolve("crystals/mini.sentences.csv");
    Map<String, String> sentences = new HashMap<>();
    for (String row : Files.readAllLines(mini).subList(1, 33)) sentences.put(row.split(",")[0], row.split(",")[4]);
    for (boolean p1 : new boolean[] {false, true}) {
      Path out = dir.resolve(p1 ? "p1" : "sym");
      List<String> args = new ArrayList<>(List.of("cif", mini.toString(), "-o", out.toString()));
      if (p1) args.add("--p1");
      Run r = xtalc(args.toArray(String[]::new));
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("wrote 32 files");
      for (var e : sentences.entrySet()) {
        String cif = Files.readString(out.resolve(e.getKey() + ".cif"));
        assertThat(cif).contains("_symmetry_Int_Tables_number", "_space_group_symop_operation_xyz", "_atom_site_type_symbol");
        List<CifStructures.Read> blocks = CifStructures.read(e.getKey() + ".cif", cif, 1);
        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).diagnostics()).isEmpty();
        UnitCell read = blocks.get(0).structure().toCell();
        Crystal c = SentenceChecker.check("t", e.getValue()).crystal().orElseThrow();
        UnitCell expected = c.expand();
        assertThat(read.count()).isEqualTo(expected.count());
        for (var a : expected.atoms())
          assertThat(read.atoms().stream().anyMatch(b -> b.element().equals(a.element()) && UnitCell.samePoint(a.xyz(), b.xyz(), 1e-4))).isTrue();
      }
    }
    Run r = xtalc("cif", mini.toString(), "-o", dir.resolve("vasp").toString(), "--format", "poscar");
    assertThat(r.exit()).isZero();
    try (Stream<Path> s = Files.list(dir.resolve("vasp"))) {
      assertThat(s.filter(p -> p.toString().endsWith(".vasp")).count()).isEqualTo(32);
    }
  }

  @Test
  void cifNamesPlainLinesByLineAndSkipsBrokenOnes(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("in.txt");
    Files.writeString(f, "225-a-Na-b-Cl-X-5.64\n\n225-a-Na-0-0-0-m-Cl-X-5.64\n");
    Run r = xtalc("cif", f.toString(), "-o", dir.resolve("o").toString());
    assertThat(r.exit()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(r.err()).contains("in.txt:3:16: letter 'm' does not exist");
    assertThat(dir.resolve("o/in-1.cif")).exists();
    assertThat(xtalc("cif", f.toString()).exit()).isEqualTo(Xtalc.USAGE);
  }

  @Test
  void groupPrintsTheWyckoffTable() {
    Run r = xtalc("group", "225");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Fm-3m (225)", "crystal system: cubic", "centring: F (4 lattice points per cell)", "a = b = c");
    List<String> rows = r.out().lines().filter(l -> l.matches("[a-zA-Z] +\\d+ .*")).toList();
    assertThat(rows).hasSize(12);
    assertThat(rows.getFirst()).matches("a +4 +0,0,0 +-");
    assertThat(rows.get(2)).matches("c +8 +1/4,1/4,1/4 +-");
    assertThat(rows.getLast()).matches("l +192 +x,y,z +x, y, z");
    assertThat(xtalc("group", "Fm-3m").out()).isEqualTo(r.out());
    assertThat(xtalc("group", "47").out().lines().toList()).anyMatch(l -> l.matches("A +8 +x,y,z +x, y, z"));
    Run bad = xtalc("group", "231");
    assertThat(bad.exit()).isEqualTo(Xtalc.USAGE);
    assertThat(bad.err()).contains("no space group '231'");
  }
}
