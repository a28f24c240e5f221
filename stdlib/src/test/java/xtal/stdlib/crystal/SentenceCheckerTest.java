package xtal.stdlib.crystal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import xtal.grammar.Diagnostic;
import xtal.grammar.ast.Sentence;
import xtal.stdlib.testing.TestSentences;

/** Each broken rule gives its own positioned message; good sentences give the right crystal. */
class SentenceCheckerTest {

  static final String LAH10 = "225-a-La-0-0-0-c-H-0.25-0.25-0.25-f-H-0.375-0.375-0.375-X-5.1-5.1-5.1-90-90-90";
  static final String CALCITE = "167-a-C-0-0-0.25-b-Ca-0-0-0-e-O-0.257-0-0.25-X-4.99-4.99-17.07-90-90-120";

  private static List<String> errors(String text) {
    CheckResult r = SentenceChecker.check("t.txt", text);
    assertThat(r.ok()).as("%s should fail", text).isFalse();
    return r.errors().stream().map(Diagnostic::format).toList();
  }

  private static Crystal ok(String text) {
    CheckResult r = SentenceChecker.check("t.txt", text);
    assertThat(r.diagnostics()).as(text).isEmpty();
    return r.crystal().orElseThrow();
  }

  @Test
  void realParserAndTestHelperBuildTheSameSentence() {
    Sentence helper = TestSentences.parse(CALCITE);
    assertThat(xtal.grammar.CrystalParser.parseSentence("t", CALCITE).orElseThrow()).isEqualTo(helper);
  }

  @Test
  void lah10ExpandsToFortyFourAtoms() {
    Crystal c = ok(LAH10);
    UnitCell cell = c.expand();
    assertThat(cell.count()).isEqualTo(4 + 8 + 32);
    assertThat(cell.reducedFormula()).isEqualTo("LaH10");
    assertThat(cell.formula()).isEqualTo("La4H40");
    assertThat(cell.volume()).isCloseTo(5.1 * 5.1 * 5.1, within(1e-9));
    // H(8c) at (1/4,1/4,1/4) and H(32f) at (3/8,3/8,3/8): sqrt(3)/8 a
    assertThat(cell.minDistance()).isCloseTo(Math.sqrt(3) / 8 * 5.1, within(1e-9));
    assertThat(cell.density()).isCloseTo((4 * 138.90547 + 40 * 1.00794) / Math.pow(5.1, 3) * 1.66053906660, within(1e-9));
  }

  @Test
  void rockSaltFormulaDistanceAndDensity() {
    UnitCell cell = ok("225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.64").expand();
    assertThat(cell.count()).isEqualTo(8);
    assertThat(cell.reducedFormula()).isEqualTo("NaCl");
    assertThat(cell.minDistance()).isCloseTo(2.82, within(1e-9));
    assertThat(cell.density()).isCloseTo(2.17, within(0.02));
    // one atom in a cubic cell: the nearest neighbour is its own image
    assertThat(ok("221-a-Po-X-3.35").expand().minDistance()).isCloseTo(3.35, within(1e-12));
  }

  @Test
  void minDistanceInAVerySkewedCellLooksBeyondNeighbouringCells() {
    // triclinic cell with a long, flat shape: the shortest vector is a + b-ish, found only by the exact pass
    Crystal c = ok("1-a-C-0-0-0-X-10-10.2-1-10-170-165");
    double d = c.expand().minDistance();
    // brute force over a wide range of images
    double[][] m = c.lattice().matrix();
    double best = Double.MAX_VALUE;
    for (int u = -30; u <= 30; u++)
      for (int v = -30; v <= 30; v++)
        for (int w = -30; w <= 30; w++) {
          if (u == 0 && v == 0 && w == 0) continue;
          double[] r = Lattice.toCartesian(m, new double[] {u, v, w});
          best = Math.min(best, Lattice.norm(r));
        }
    assertThat(d).isCloseTo(best, within(1e-9));
  }

  @Test
  void minDistanceOfANearlyFlatCellIsFastAndExact() {
    // valid but nearly degenerate: c is almost b - a, so a - b + c is a very short lattice vector
    Crystal c = ok("1-a-C-0-0-0-X-1-1-1-60-60-119.999");
    long t0 = System.nanoTime();
    double d = c.expand().minDistance();
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(1.0);
    double[][] m = c.lattice().matrix();
    double best = Double.MAX_VALUE;
    for (int u = -4; u <= 4; u++)
      for (int v = -4; v <= 4; v++)
        for (int w = -4; w <= 4; w++)
          if (u != 0 || v != 0 || w != 0) best = Math.min(best, Lattice.norm(Lattice.toCartesian(m, new double[] {u, v, w})));
    assertThat(d).isCloseTo(best, within(1e-9));
    assertThat(d).isLessThan(0.05);
    // two atoms in a skewed cell: compare with brute force over pairs and images
    Crystal two = ok("1-a-C-0.1-0.7-0.3-a-O-0.9-0.2-0.6-X-3-7-5-70-110-130");
    double[][] m2 = two.lattice().matrix();
    double best2 = Double.MAX_VALUE;
    var atoms = two.expand().atoms();
    for (var p : atoms)
      for (var q : atoms)
        for (int u = -6; u <= 6; u++)
          for (int v = -6; v <= 6; v++)
            for (int w = -6; w <= 6; w++) {
              if (p == q && u == 0 && v == 0 && w == 0) continue;
              double[] r = Lattice.toCartesian(m2, new double[] {q.x() - p.x() + u, q.y() - p.y() + v, q.z() - p.z() + w});
              best2 = Math.min(best2, Lattice.norm(r));
            }
    assertThat(two.expand().minDistance()).isCloseTo(best2, within(1e-9));
  }

  @Test
  void mergingIsPeriodicAndScales() {
    var la = xtal.stdlib.element.Elements.bySymbol("La").orElseThrow();
    var h = xtal.stdlib.element.Elements.bySymbol("H").orElseThrow();
    Lattice l = new Lattice(5, 5, 5, 90, 90, 90);
    UnitCell c = UnitCell.merging(l, java.util.List.of(
        new Atom(la, 0.99996, 0, 0.5, 0), new Atom(la, 0.00003, 0.99999, 0.50004, 0), new Atom(h, 0, 0, 0.5, 1), new Atom(la, 0.0002, 0, 0.5, 0)));
    assertThat(c.count()).isEqualTo(3); // the first two are one La across the boundary; H and the third La stay
    // 3,000 sites of the general position of Fm-3m (a sentence near the parser's 100,000-character
    // limit): 576,000 atoms, merged in seconds
    StringBuilder sb = new StringBuilder("225");
    java.util.Random rnd = new java.util.Random(1);
    for (int i = 0; i < 3000; i++) sb.append("-l-H-").append(String.format(java.util.Locale.ROOT, "%.6f-%.6f-%.6f", rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()));
    sb.append("-X-50");
    long t0 = System.nanoTime();
    CheckResult r = SentenceChecker.check("t.txt", sb.toString());
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    UnitCell big = r.crystal().orElseThrow().expand();
    // a few random sites fall within 1e-4 of a symmetry element: the checker warns with their
    // distinct count; beyond those, a pair or two of 576,000 points may coincide by chance
    int expected = 3000 * 192;
    java.util.regex.Pattern warn = java.util.regex.Pattern.compile("give (\\d+) distinct atoms, not the 192");
    for (Diagnostic d : r.diagnostics()) {
      var m = warn.matcher(d.message());
      if (m.find()) expected -= 192 - Integer.parseInt(m.group(1));
    }
    assertThat(big.count()).isBetween(expected - 20, expected);
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(120); // quadratic merging took hours
  }

  @Test
  void compactAndFullFormsGiveTheSameCrystal() {
    Crystal full = ok(CALCITE);
    Crystal compact = ok("167-a-C-b-Ca-e-O-0.257-X-4.99-17.07");
    assertThat(compact.canonicalSentence()).isEqualTo(full.canonicalSentence());
    assertThat(full.compactSentence()).isEqualTo("167-a-C-b-Ca-e-O-0.257-X-4.99-17.07");
    assertThat(full.expand().count()).isEqualTo(30);
    assertThat(full.expand().reducedFormula()).isEqualTo("CaCO3");
    // a zero-dof site may be written with 3 or 0 coordinates, mixed within a sentence
    assertThat(ok("167-a-C-0-0-1/4-b-Ca-e-O-0.257-0-1/4-X-4.99-17.07").canonicalSentence()).isEqualTo(full.canonicalSentence());
  }

  @Test
  void periodicBoundaryToleranceForFixedCoordinates() {
    ok("225-a-Na-0.99999-0-0.00003-b-Cl-0.5-0.50009-0.5-X-5.64-5.64-5.64-90-90-90");
    assertThat(errors("225-a-Na-0.9998-0-0-b-Cl-0.5-0.5-0.5-X-5.64"))
        .containsExactly("t.txt:1:10: x of site 'a' must be 0 (fixed by 225a), found 0.9998");
  }

  @Test
  void wrongLetter() {
    assertThat(errors("225-a-La-0-0-0-m-H-0.1-0.2-0.3-X-5.1"))
        .containsExactly("t.txt:1:16: letter 'm' does not exist in Fm-3m (225), whose letters run a..l");
  }

  @Test
  void letterOutOfOrder() {
    assertThat(errors("225-c-H-1/4-1/4-1/4-b-La-1/2-1/2-1/2-X-5.1"))
        .containsExactly("t.txt:1:21: letter 'b' after 'c': letters never decrease");
  }

  @Test
  void repeatedZeroDofPosition() {
    assertThat(errors("225-a-La-0-0-0-a-H-0-0-0-X-5.1"))
        .containsExactly("t.txt:1:16: position 225a has no free coordinate and is used twice");
    // a position with a free coordinate may repeat
    ok("225-a-La-e-H-0.2-e-H-0.3-X-5.1");
  }

  @Test
  void wrongFixedCoordinate() {
    assertThat(errors("225-a-La-0-0-0-c-H-0.3-0.25-0.25-X-5.1"))
        .containsExactly("t.txt:1:20: x of site 'c' must be 1/4 (fixed by 225c), found 0.3");
  }

  @Test
  void brokenTie() {
    assertThat(errors("225-a-La-0-0-0-f-H-0.375-0.3-0.375-X-5.1"))
        .containsExactly("t.txt:1:26: y of site 'f' must equal x (tied by x,x,x), found 0.3 (x = 0.375)");
    assertThat(errors("166-h-O-0.1-0.8-0.3-X-5-5-12-90-90-120"))
        .containsExactly("t.txt:1:13: y of site 'h' must equal -x (tied by x,-x,z), found 0.8 (x = 0.1)");
  }

  @Test
  void missingCoordinate() {
    assertThat(errors("167-a-C-b-Ca-e-O-0.257-0-X-4.99-17.07"))
        .containsExactly("t.txt:1:14: site 'e' of 167 takes 3 coordinates (full form) or 1 (compact form: x), found 2");
    assertThat(errors("225-a-La-0-0-X-5.1"))
        .containsExactly("t.txt:1:5: site 'a' of 225 takes 3 coordinates (full form) or 0 (compact form), found 2");
    assertThat(errors("1-a-C-0.1-0.2-X-3-4-5-80-85-95"))
        .containsExactly("t.txt:1:3: site 'a' of 1 takes 3 coordinates (x, y, z), found 2");
  }

  @Test
  void latticeThatBreaksTheCrystalSystem() {
    assertThat(errors("225-a-La-0-0-0-X-5.1-5.2-5.1-90-90-90"))
        .containsExactly("t.txt:1:18: cubic lattice needs a = b = c, found 5.1, 5.2, 5.1");
    assertThat(errors("194-a-Mg-0-0-0-X-3.2-3.2-5.2-90-90-90"))
        .containsExactly("t.txt:1:30: hexagonal lattice needs alpha = beta = 90, gamma = 120, found 90, 90, 90");
    assertThat(errors("14-a-Mg-0-0-0-X-3-4-5-90-100-95"))
        .containsExactly("t.txt:1:23: monoclinic lattice needs alpha = gamma = 90, found 90, 100, 95");
    assertThat(errors("225-a-La-0-0-0-X-5.1-5.1"))
        .containsExactly("t.txt:1:18: the lattice of Fm-3m (225) (cubic) takes 6 parameters (full form) or 1 (compact form: a), found 2");
  }

  @Test
  void nonPositiveLengthAndBadAngles() {
    // '-' separates tokens, so a negative number cannot be written: the parser refuses it
    assertThat(SentenceChecker.check("t.txt", "225-a-La-0-0-0-X--5.1").ok()).isFalse();
    assertThat(errors("225-a-La-0-0-0-X-0"))
        .containsExactly("t.txt:1:18: lattice length a must be positive, found 0");
    assertThat(errors("2-a-La-0-0-0-X-3-0-5-90-90-90"))
        .containsExactly("t.txt:1:18: lattice length b must be positive, found 0");
    assertThat(errors("2-a-La-0-0-0-X-3-4-5-10-10-170"))
        .containsExactly("t.txt:1:16: angles 10, 10, 170 do not form a valid cell");
    assertThat(errors("2-a-La-X-3-4-5-90-180-90"))
        .containsExactly("t.txt:1:10: angles 90, 180, 90 do not form a valid cell");
  }

  @Test
  void latticesOutsideWhatACrystalCanBeAreRejectedNamingTheParameter() {
    // a number too long to be exact never reaches the checker as Infinity: the parser refuses it
    String huge = "1" + "0".repeat(400);
    String tooLong = "the number '" + huge.substring(0, 24) + "…' has more than 18 digits";
    assertThat(errors("225-a-La-0-0-0-X-" + huge)).containsExactly("t.txt:1:18: " + tooLong);
    assertThat(errors("2-a-La-0-0-0-X-3-4-5-90-" + huge + "-90")).containsExactly("t.txt:1:25: " + tooLong);
    assertThat(errors("1-a-La-0." + "0".repeat(10) + "-" + huge + "-0-X-3-4-5-90-90-90")).containsExactly("t.txt:1:21: " + tooLong);
    assertThat(errors("225-a-La-0-0-0-X-0.000000000000001"))
        .containsExactly("t.txt:1:18: lattice length a must lie in 0.5..10000 Å, found 0.000000000000001");
    assertThat(errors("225-a-La-0-0-0-X-100000"))
        .containsExactly("t.txt:1:18: lattice length a must lie in 0.5..10000 Å, found 100000");
    assertThat(errors("2-a-La-0-0-0-X-3-4-5-90-999999999999999999-90"))
        .singleElement().asString().endsWith("do not form a valid cell");
    assertThat(ok("225-a-La-0-0-0-X-10000").expand().volume()).isEqualTo(1e12);
  }

  @Test
  void aCrystalNeedsAtomsAndTwoAtomsCannotShareAPoint() {
    assertThat(errors("225-X-5.1")).containsExactly("t.txt:1:1: a crystal needs at least one site; this sentence has no atoms");
    // 4a holds (0,0,0); 24e at x = 0 also puts an atom there
    assertThat(errors("225-a-Na-0-0-0-e-Cl-0-0-0-X-5.6"))
        .containsExactly("t.txt:1:16: site 'e' (Cl) puts an atom on the same point as site 'a' (Na): two atoms cannot share a point");
    assertThat(errors("1-a-Na-0.1-0.2-0.3-a-Cl-0.10000001-0.2-1.3-X-3-4-5-90-90-90")).hasSize(1);
    assertThat(errors("1-a-Na-0.1-0.2-0.3-a-Na-0.1-0.2-0.3-X-3-4-5-90-90-90")).as("the same element too").hasSize(1);
    assertThat(SentenceChecker.check("t.txt", "1-a-Na-0.1-0.2-0.3-a-Cl-0.1-0.2-0.31-X-3-4-5-90-90-90").ok()).isTrue();
  }

  @Test
  void unknownElementAndGroup231() {
    assertThat(errors("225-a-Xx-0-0-0-X-5.1")).containsExactly("t.txt:1:7: unknown element 'Xx'");
    assertThat(errors("231-a-La-0-0-0-X-5.1")).containsExactly("t.txt:1:1: space group 231 does not exist (groups run 1..230)");
    assertThat(errors("0-a-La-0-0-0-X-5.1")).containsExactly("t.txt:1:1: space group 0 does not exist (groups run 1..230)");
  }

  @Test
  void aSiteOnAMoreSpecialPositionIsAWarning() {
    CheckResult r = SentenceChecker.check("t.txt", "225-e-H-0-X-5.1");
    assertThat(r.ok()).isTrue();
    assertThat(r.diagnostics()).extracting(Diagnostic::format)
        .containsExactly("t.txt:1:5: warning: site 'e' lies on a more special position: its coordinates give 4 distinct atoms, not the 24 of 225e");
    assertThat(r.crystal().orElseThrow().expand().count()).isEqualTo(4); // the orbit's coincident atoms merged
    // beside La on 4a the same H atoms would share La's points: an error, not a warning
    assertThat(SentenceChecker.check("t.txt", "225-a-La-e-H-0-X-5.1").ok()).isFalse();
  }

  @Test
  void severalErrorsInOneRun() {
    assertThat(errors("225-c-H-0.3-0.25-0.25-b-Xx-0.5-0.5-0.5-X-5.1-5.2-5.1-90-90-90")).hasSize(4);
  }
}
