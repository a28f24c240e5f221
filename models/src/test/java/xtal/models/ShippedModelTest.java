package xtal.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import xtal.models.seq.AutomatonMasks;
import xtal.models.seq.Encoded;
import xtal.models.seq.Encoder;
import xtal.models.train.Dataset;

/**
 * The shipped model ({@code models/mp20}): it loads, its validation NLL recomputed from the
 * SavedModel is the one its model.json (and the model card) reports, and it beats the
 * sequence-blind baseline by a wide margin.
 */
class ShippedModelTest {
  static final Path SHIPPED = Path.of(System.getProperty("user.dir")).resolve("mp20");

  @Test
  void validationNllIsReproducibleAndBeatsTheBaseline() throws Exception {
    Encoder enc = new Encoder(AutomatonMasks.unconstrained());
    Dataset val = Dataset.read(TrainerTest.data("crystals/mp20_val.sentences.csv"), enc);
    Dataset train = Dataset.read(TrainerTest.data("crystals/mp20_train.sentences.csv"), enc);
    assertThat(val.size()).isEqualTo(9047);
    double model = 0, base = 0;
    Baseline b = Baseline.fit(train.encoded());
    try (XtalModel m = XtalModel.load(SHIPPED)) {
      double[][] nll = m.nll(val.encoded());
      for (double[] row : nll) for (double v : row) model += v / nll.length;
    }
    for (Encoded e : val.encoded()) for (double v : b.nll(e)) base += v / val.size();
    JsonNode card = new ObjectMapper().readTree(SHIPPED.resolve("model.json").toFile());
    assertThat(model).isCloseTo(card.at("/metrics/validation/total").asDouble(), offset(0.01));
    // per crystal, at least 10 nats (a factor e^10 in likelihood) better than frequencies + uniform coordinates
    assertThat(model).isLessThan(base - 10);
  }
}
