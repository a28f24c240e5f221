package xtal.stdlib.spacegroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpaceGroupsTest {

  @Test
  void loadsAll230GroupsWith1731Positions() {
    assertThat(SpaceGroups.all()).hasSize(230);
    assertThat(SpaceGroups.all().stream().mapToInt(g -> g.positions().size()).sum()).isEqualTo(1731);
    SpaceGroup fm3m = SpaceGroups.get(225);
    assertThat(fm3m.symbol()).isEqualTo("Fm-3m");
    assertThat(fm3m.crystalSystem()).isEqualTo(CrystalSystem.CUBIC);
    assertThat(fm3m.centring()).isEqualTo(Centring.F);
    assertThat(fm3m.lastLetter()).isEqualTo('l');
    assertThat(fm3m.order()).isEqualTo(192);
    assertThat(SpaceGroups.get(47).lastLetter()).isEqualTo('A');
    assertThat(SpaceGroups.get(47).position('A').orElseThrow().multiplicity()).isEqualTo(8);
    assertThat(SpaceGroups.find(231)).isEmpty();
    assertThatThrownBy(() -> SpaceGroups.get(0)).hasMessageContaining("does not exist");
    assertThat(SpaceGroups.bySymbol("P2_1/c").orElseThrow().number()).isEqualTo(14);
    assertThat(SpaceGroups.bySymbol("F m -3 m").orElseThrow().number()).isEqualTo(225);
  }

  @Test
  void representativeRulesOf167e() {
    WyckoffPosition e = SpaceGroups.get(167).position('e').orElseThrow();
    assertThat(e.multiplicity()).isEqualTo(18);
    assertThat(e.representativeText()).isEqualTo("x,0,1/4");
    assertThat(e.rules()).containsExactly(new CoordinateRule.Free(), new CoordinateRule.Fixed(Rational.ZERO), new CoordinateRule.Fixed(Rational.of(1, 4)));
    assertThat(e.degreesOfFreedom()).isEqualTo(1);
    assertThat(e.siteSymbolLabel()).isEqualTo("18e");
    WyckoffPosition c = SpaceGroups.get(225).position('c').orElseThrow();
    assertThat(c.isZeroDof()).isTrue();
    assertThat(c.rules()).containsOnly(new CoordinateRule.Fixed(Rational.of(1, 4)));
  }

  @Test
  void everyRepresentativeIsReadAndOrbitsUseOnlyFreeParameters() {
    for (SpaceGroup g : SpaceGroups.all())
      for (WyckoffPosition w : g.positions()) {
        assertThat(w.orbit().getFirst()).isEqualTo(w.representative());
        assertThat(w.orbit()).hasSize(w.multiplicity());
        for (int axis = 0; axis < 3; axis++) {
          if (w.rules().get(axis) instanceof CoordinateRule.Free) continue;
          for (SymOp op : w.orbit())
            for (int i = 0; i < 3; i++)
              assertThat(op.r(i, axis)).as("%s orbit %s uses the non-free parameter of axis %d", w, op, axis).isZero();
        }
      }
  }

  @Test
  void generalPositionIsClosedModuloLatticeTranslations() {
    for (SpaceGroup g : SpaceGroups.all()) {
      List<SymOp> ops = g.generalPosition();
      assertThat(ops.getFirst()).isEqualTo(SymOp.IDENTITY);
      for (int i = 0; i < ops.size(); i++)
        for (int j = i + 1; j < ops.size(); j++)
          assertThat(ops.get(i).equalsModLattice(ops.get(j))).as("%s duplicates %s", g, ops.get(i)).isFalse();
      for (SymOp a : ops)
        for (SymOp b : ops) {
          SymOp ab = a.compose(b);
          assertThat(ops.stream().anyMatch(ab::equalsModLattice)).as("%s: (%s)∘(%s) = %s not in the group", g, a, b, ab).isTrue();
        }
      // the centring translations are in the group
      for (Rational[] t : g.centring().translations()) {
        SymOp c = new SymOp(SymOp.IDENTITY.rotation(), t);
        assertThat(ops.stream().anyMatch(c::equalsModLattice)).as("%s lacks centring %s", g, c).isTrue();
      }
      assertThat(ops.size() % g.centring().latticePoints()).isZero();
    }
  }

  /**
   * A generic point of each position (free parameters at irrational-ish values) expanded under the
   * general position operations gives exactly the multiplicity's number of distinct points, and
   * they are the points of the position's own orbit list.
   */
  @Test
  void multiplicityEqualsOrbitSizeUnderTheGeneralPosition() {
    double[] generic = {0.1234567, 0.3456789, 0.0567891};
    for (SpaceGroup g : SpaceGroups.all())
      for (WyckoffPosition w : g.positions()) {
        double[] free = new double[w.degreesOfFreedom()];
        int[] axes = w.freeAxes();
        for (int k = 0; k < axes.length; k++) free[k] = generic[axes[k]];
        double[] p = w.coordinates(free);
        List<double[]> orbit = new ArrayList<>();
        for (SymOp op : g.generalPosition()) {
          double[] q = op.apply(p);
          if (orbit.stream().noneMatch(o -> samePoint(o, q))) orbit.add(q);
        }
        assertThat(orbit).as("orbit of %s", w).hasSize(w.multiplicity());
        for (double[] q : w.orbitOf(p)) assertThat(orbit.stream().anyMatch(o -> samePoint(o, q))).as("%s", w).isTrue();
      }
  }

  private static boolean samePoint(double[] a, double[] b) {
    for (int i = 0; i < 3; i++) {
      double d = a[i] - b[i];
      if (Math.abs(d - Math.rint(d)) > 1e-9) return false;
    }
    return true;
  }

  @Test
  void symOpParsesAndPrintsTableTriplets() {
    for (String s : List.of("-y+1/2, x, z+1/4", "x-y, x, -z", "2x, x, 1/4", "-x+y, y, 1/2", "0, 0, 0"))
      assertThat(SymOp.parse(s).toString()).isEqualTo(s);
    assertThat(SymOp.parse("x+1/2,-y,z").apply(new double[] {0.1, 0.2, 0.3})).containsExactly(0.6, -0.2, 0.3);
    assertThatThrownBy(() -> SymOp.parse("x, y")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SymOp.parse("x, q, z")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void latticeRules() {
    assertThat(CrystalSystem.CUBIC.latticeRule().freeCount()).isEqualTo(1);
    assertThat(CrystalSystem.MONOCLINIC.latticeRule().expand(new double[] {3, 4, 5, 100})).containsExactly(3, 4, 5, 90, 100, 90);
    assertThat(CrystalSystem.HEXAGONAL.latticeRule().expand(new double[] {3, 5})).containsExactly(3, 3, 5, 90, 90, 120);
    assertThat(CrystalSystem.HEXAGONAL.latticeRule().angleRule()).isEqualTo("alpha = beta = 90, gamma = 120");
    assertThat(CrystalSystem.MONOCLINIC.latticeRule().angleRule()).isEqualTo("alpha = gamma = 90");
    assertThat(CrystalSystem.CUBIC.latticeRule().lengthRule()).isEqualTo("a = b = c");
  }

  @Test
  void rationalArithmetic() {
    assertThat(Rational.of(2, -4)).isEqualTo(Rational.of(-1, 2));
    assertThat(Rational.of(-1, 4).mod1()).isEqualTo(Rational.of(3, 4));
    assertThat(Rational.parse("5/8").add(Rational.of(3, 8))).isEqualTo(Rational.ONE);
    assertThat(Rational.of(1, 3).toString()).isEqualTo("1/3");
  }
}
