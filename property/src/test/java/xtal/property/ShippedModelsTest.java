package xtal.property;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xtal.property.data.CrystalSource;
import xtal.property.train.Scores;
import xtal.stdlib.crystal.Crystal;

/**
 * Every shipped property model loads through DJL and, on a sample of every 8th row of the split its
 * card reports on, gives the card's MAE within three standard errors of the sample's (plus 2 %),
 * and beats the training mean (from model.json) clearly on the same rows.
 */
class ShippedModelsTest {
  static final Path SHIPPED = Path.of("..", "models", "properties");
  @TempDir Path tmp;

  static Stream<String> models() throws IOException {
    List<String> names;
    try (Stream<Path> s = Files.list(SHIPPED)) {
      names = s.filter(p -> Files.isRegularFile(p.resolve("model.json"))).map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).contains("perov5-heat_ref", "perov5-ind_gap", "carbon24-energy_per_atom");
    return names.stream();
  }

  @ParameterizedTest
  @MethodSource("models")
  void reproducesItsCardOnASample(String name) throws IOException {
    try (PropertyModel m = PropertyModel.load(SHIPPED.resolve(name))) {
      JsonNode eval = m.description().path("metrics").path("evaluation");
      String file = eval.path("file").asText();
      double cardMae = eval.path("model").path("mae").asDouble(), meanMae = eval.path("mean_baseline").path("mae").asDouble();
      assertThat(cardMae).isPositive().isLessThan(meanMae);
      Path sample = Slices.slice(Slices.data("crystals/" + file), tmp.resolve(file), i -> i % 8 == 0);
      CrystalSource.Read r = CrystalSource.read(sample, m.property());
      assertThat(r.entries().size()).isGreaterThan(200);
      List<Crystal> crystals = r.entries().stream().map(CrystalSource.Entry::crystal).toList();
      double[] actual = r.entries().stream().mapToDouble(CrystalSource.Entry::value).toArray();
      double[] predicted = m.predict(crystals);
      Scores s = Scores.of(predicted, actual);
      // the sample's MAE may differ from the whole split's by its standard error (large on band gaps, where few errors dominate)
      double tolerance = 3 * standardError(predicted, actual) + 0.02 * cardMae;
      assertThat(s.mae()).as("%s sample MAE vs card %.4f ± %.4f", name, cardMae, tolerance).isBetween(cardMae - tolerance, cardMae + tolerance);
      double target = m.description().path("target").path("mean").asDouble();
      assertThat(s.mae()).isLessThan(0.8 * meanOnly(actual, target));
    }
  }

  /** The standard error of the mean absolute error. */
  static double standardError(double[] predicted, double[] actual) {
    int n = actual.length;
    double mean = 0, sq = 0;
    for (int i = 0; i < n; i++) mean += Math.abs(predicted[i] - actual[i]) / n;
    for (int i = 0; i < n; i++) sq += Math.pow(Math.abs(predicted[i] - actual[i]) - mean, 2) / (n - 1);
    return Math.sqrt(sq / n);
  }

  /** The MAE of always predicting the training mean. */
  static double meanOnly(double[] actual, double mean) {
    double s = 0;
    for (double a : actual) s += Math.abs(a - mean) / actual.length;
    return s;
  }
}
