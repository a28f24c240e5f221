package xtal.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import xtal.property.features.CrystalFeatures;
import xtal.property.features.Featurizer;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;

/** Features against geometry worked out by hand. */
class FeaturizerTest {
  static Crystal crystal(String sentence) {
    return SentenceChecker.check("test", sentence).crystal().orElseThrow();
  }

  static int index(String name) {
    return Featurizer.SITE_FEATURES.indexOf(name);
  }

  @Test
  void diamondHasOneSiteOfEightAtomsWithFourNeighboursAtAQuarterOfTheBodyDiagonal() {
    double a = 3.567;
    CrystalFeatures f = Featurizer.of(crystal("227-a-C-X-" + a));
    assertThat(f.sites()).isEqualTo(1);
    assertThat(f.species()).containsExactly(6);
    assertThat(f.weight()[0]).isEqualTo(8f);
    assertThat(f.site()[0][index("nearest_distance")]).isCloseTo((float) (a * Math.sqrt(3) / 4), offset(1e-4f));
    assertThat(f.site()[0][index("coordination")]).isEqualTo(4f);
    assertThat(f.cell()[Featurizer.CELL_FEATURES.indexOf("volume_per_atom")]).isCloseTo((float) (a * a * a / 8), offset(1e-3f));
    assertThat(f.cell()[Featurizer.CELL_FEATURES.indexOf("cubic")]).isEqualTo(1f);
    assertThat(f.fractions()[6]).isEqualTo(1.0);
  }

  @Test
  void rockSaltPairsSeeSixUnlikeNearestNeighbours() {
    CrystalFeatures f = Featurizer.of(crystal("225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.64"));
    assertThat(f.sites()).isEqualTo(2);
    assertThat(f.site()[0][index("coordination")]).isEqualTo(6f);
    assertThat(f.site()[0][index("nearest_distance")]).isCloseTo(2.82f, offset(1e-4f));
    // the radial channel nearest 2.82 Å is larger towards Cl than towards the Na at 3.99 Å
    int k = (int) Math.round((2.82 - Featurizer.RBF_FIRST) / ((Featurizer.CUTOFF - Featurizer.RBF_FIRST) / (Featurizer.RBF - 1)));
    assertThat(f.pair()[0][1][k]).isGreaterThan(f.pair()[0][0][k]);
    // and the per-site radial sum is the sum over the pair rows
    int base = Featurizer.SITE_FEATURES.size();
    for (int c = 0; c < Featurizer.RBF; c++) assertThat(f.site()[0][base + c]).isCloseTo(f.pair()[0][0][c] + f.pair()[0][1][c], offset(1e-4f));
  }

  @Test
  void chargeBalanceUsesOneOxidationStatePerElement() {
    int common = Featurizer.CELL_FEATURES.indexOf("charge_balanced");
    assertThat(Featurizer.of(crystal("225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.64")).cell()[common]).isEqualTo(1f);
    assertThat(Featurizer.of(crystal("221-a-Sr-0-0-0-b-Ti-1/2-1/2-1/2-c-O-0-1/2-1/2-X-3.905")).cell()[common]).isEqualTo(1f);
    // Na+ and O2- cannot balance one to one
    assertThat(Featurizer.of(crystal("225-a-Na-0-0-0-b-O-1/2-1/2-1/2-X-5.0")).cell()[common]).isEqualTo(0f);
    // an element alone counts as balanced
    assertThat(Featurizer.of(crystal("227-a-C-X-3.567")).cell()[common]).isEqualTo(1f);
  }

  @Test
  void deterministic() {
    String s = "99-a-V-0-0-0.17852-b-Ir-0.5-0.5-0.496674-b-O-0.5-0.5-0.988176-c-O-0.5-0-0.387768-X-3.9666-3.9666-3.9666-90-90-90";
    CrystalFeatures a = Featurizer.of(crystal(s)), b = Featurizer.of(crystal(s));
    assertThat(a.pair()).isDeepEqualTo(b.pair());
    assertThat(a.site()).isDeepEqualTo(b.site());
    assertThat(a.cell()).containsExactly(b.cell());
  }
}
