package xtal.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.property.data.CrystalSource;
import xtal.property.nn.NetConfig;
import xtal.property.train.PropertyTraining;
import xtal.property.train.TrainOptions;
import xtal.stdlib.crystal.Crystal;

/**
 * A tiny heat-of-formation model trained in the test on 500 perov_5 crystals (CIFs through the
 * importer), exported, reloaded through DJL and measured on 300 other crystals: it must beat the
 * training mean clearly, and DJL must give what the card reports.
 */
class PropertyModelTest {
  @TempDir static Path tmp;
  static PropertyTraining.Report report;
  static Path model, held;

  @BeforeAll
  static void trainTinyModel() throws Exception {
    Path train = Slices.slice(Slices.data("crystals/perov_5_val.csv"), tmp.resolve("train.csv"), i -> i < 500);
    held = Slices.slice(Slices.data("crystals/perov_5_test.csv"), tmp.resolve("held.csv"), i -> i % 12 == 0);
    model = tmp.resolve("heat");
    TrainOptions o = new TrainOptions(new NetConfig(32, 1), 12, 32, 3e-3, 0.1, 7, 5, TrainOptions.Loss.HUBER);
    report = PropertyTraining.run(new PropertyTraining.Request(train, "heat_ref", held, model, o), new PrintWriter(new StringWriter()));
  }

  @Test
  void beatsTheMeanBaselineOnHeldOutCrystals() {
    PropertyTraining.Comparison c = report.evaluation();
    assertThat(c.model().n()).isEqualTo(316);
    assertThat(c.model().mae()).isLessThan(0.8 * c.mean().mae());
    assertThat(c.model().r2()).isGreaterThan(0.3);
  }

  @Test
  void exportsSavedModelJsonAndCard() throws IOException {
    assertThat(model.resolve("saved_model.pb")).exists();
    assertThat(model.resolve("model.json")).content().contains("\"kind\" : \"xtal property model\"").contains("\"column\" : \"heat_ref\"")
        .contains("\"linear_baseline\"").contains("\"mean_baseline\"");
    assertThat(model.resolve("MODEL_CARD.md")).content().contains("| this model |").contains("| training mean |").contains("linear on element fractions");
  }

  @Test
  void djlPredictionsReproduceTheReportedMae() throws IOException {
    CrystalSource.Read r = CrystalSource.read(held, "heat_ref");
    assertThat(r.errors()).isEmpty();
    List<Crystal> crystals = r.entries().stream().map(CrystalSource.Entry::crystal).toList();
    try (PropertyModel m = PropertyModel.load(model)) {
      assertThat(m.property()).isEqualTo("heat_ref");
      double[] v = m.predict(crystals);
      double mae = 0;
      for (int i = 0; i < v.length; i++) mae += Math.abs(v[i] - r.entries().get(i).value()) / v.length;
      assertThat(mae).isCloseTo(report.evaluation().model().mae(), org.assertj.core.data.Offset.offset(1e-5));
      // the same crystals as sentences, and one at a time, give the same values
      double[] again = m.predictSentences(crystals.stream().map(Crystal::canonicalSentence).toList());
      for (int i = 0; i < v.length; i++) assertThat(again[i]).isCloseTo(v[i], org.assertj.core.data.Offset.offset(1e-3));
      assertThat(m.predict(crystals.get(3))).isCloseTo(v[3], org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void badModelDirectoriesAreNamedErrors() throws IOException {
    assertThatThrownBy(() -> PropertyModel.load(tmp.resolve("nowhere"))).hasMessageContaining("nowhere").hasMessageContaining("no such model directory");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> PropertyModel.load(empty)).hasMessageContaining("no model.json");
    Path wrong = Files.createDirectories(tmp.resolve("wrong"));
    Files.writeString(wrong.resolve("model.json"), "{\"kind\": \"something else\"}");
    assertThatThrownBy(() -> PropertyModel.load(wrong)).hasMessageContaining("not a property model");
    try (PropertyModel m = PropertyModel.load(model)) {
      assertThatThrownBy(() -> m.predictSentences(List.of("225-a-Na-0-0-0-X-5.6-5.6-5.6-90-90-90", "225-z-Na-0-0-0-X-5"))).hasMessageContaining("sentence 2");
    }
  }
}
