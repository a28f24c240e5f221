package xtal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model.json as a runtime reads it: the shipped model's, and the ways a file can be wrong. */
class ModelDescriptionTest {
  @TempDir Path tmp;

  @Test
  void theShippedModelDescribesItsNetworkAndItsTrainingGroupPrior() throws IOException {
    Path shipped = Path.of(System.getProperty("user.dir")).resolveSibling("models").resolve("mp20");
    ModelDescription d = ModelDescription.read(shipped);
    assertThat(d.config().layers()).isEqualTo(6);
    assertThat(d.config().headSize() * d.config().heads()).isEqualTo(d.config().width());
    double sum = 0;
    for (int g = 1; g <= 230; g++) sum += d.groupPrior()[g];
    assertThat(sum).isCloseTo(1.0, within(1e-3)); // rounded to 6 digits per group
    assertThat(d.groupPrior()[225]).isGreaterThan(d.groupPrior()[224]); // Fm-3m is common, Pn-3m rare
  }

  @Test
  void theGroupPriorIsReadUnsmoothed() throws IOException {
    StringBuilder json = new StringBuilder("{\"format\": 1, \"config\": " + CONFIG + ", \"group_prior\": [0");
    for (int g = 1; g <= 230; g++) json.append(g == 225 ? ", 0.75" : g == 62 ? ", 0.25" : ", 0");
    Files.writeString(tmp.resolve("model.json"), json.append("]}").toString());
    double[] prior = ModelDescription.read(tmp).groupPrior();
    assertThat(prior[225]).isEqualTo(0.75);
    assertThat(prior[62]).isEqualTo(0.25);
    assertThat(prior[1]).isZero();
    Files.writeString(tmp.resolve("model.json"), "{\"format\": 1, \"config\": " + CONFIG + "}");
    assertThat(ModelDescription.read(tmp).groupPrior()).isNull();
  }

  @Test
  void aWrongFileIsNamedWithWhatIsWrong() throws IOException {
    assertThatThrownBy(() -> ModelDescription.read(tmp)).isInstanceOf(IOException.class).hasMessageContaining("no model.json");
    Files.writeString(tmp.resolve("model.json"), "{\"format\": 2}");
    assertThatThrownBy(() -> ModelDescription.read(tmp)).hasMessageContaining("format 2, expected 1");
    Files.writeString(tmp.resolve("model.json"), "{\"format\": 1, \"config\": {\"width\": 30, \"heads\": 4}}");
    assertThatThrownBy(() -> ModelDescription.read(tmp)).isInstanceOf(IOException.class).hasMessageContaining("config");
  }

  @Test
  void theFeatureTransformsAreTheDocumentedOnes() {
    assertThat(Layout.multiplicityFeature(192)).isEqualTo(1f);
    assertThat(Layout.multiplicityFeature(1)).isEqualTo(0f);
    double[] a = Layout.latticeTransform(0, 6.0, 8); // 6 Å over 8^(1/3) = 2
    assertThat(a[0]).isCloseTo(3.0, within(1e-12));
    assertThat(a[1]).isCloseTo(-Math.log(2), within(1e-12));
    double[] gamma = Layout.latticeTransform(5, 120, 8);
    assertThat(gamma[0]).isCloseTo(120 / Layout.ANGLE_UNIT, within(1e-12));
    assertThat(Signatures.cacheName("keys", 3)).isEqualTo("cache_keys_3");
  }

  private static final String CONFIG =
      "{\"width\": 32, \"layers\": 2, \"heads\": 4, \"ffMultiplier\": 2, \"maxLength\": 128, \"dropout\": 0.0, \"coordComponents\": 8, \"latticeComponents\": 4}";
}
