package xtal.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.model.ModelConfig;
import xtal.models.seq.AutomatonMasks;
import xtal.models.seq.Batch;
import xtal.models.seq.Encoded;
import xtal.models.seq.Encoder;
import xtal.models.train.Dataset;
import xtal.models.train.Metrics;
import xtal.models.train.TrainConfig;
import xtal.models.train.Trainer;

/** A CI-sized run: a tiny model on the 32 perovskites of mini.sentences.csv; the loss must fall. */
class TrainerTest {
  static Path data(String name) {
    return Path.of(System.getProperty("xtal.data", "../../shared/data")).resolve(name);
  }

  static TrainConfig tiny(Path work, int epochs) {
    return new TrainConfig(
        "data:crystals/mini.sentences.csv", "data:crystals/mini.sentences.csv",
        new ModelConfig(32, 2, 4, 2, 64, 0.0, 16, 4), 8, epochs, 10, 3e-3, 3e-4, 5, 1.0, 7, 1000, 1000,
        work.resolve("out").toString(), work.resolve("work").toString());
  }

  @Test
  void lossFallsOnMini(@TempDir Path tmp) throws Exception {
    Dataset mini = Dataset.read(data("crystals/mini.sentences.csv"), new Encoder(AutomatonMasks.unconstrained()));
    assertThat(mini.problems()).isEmpty();
    assertThat(mini.size()).isEqualTo(32);
    List<Encoded> all = mini.encoded();
    try (Trainer t = new Trainer(tiny(tmp, 10), new PrintWriter(new StringWriter(), true))) {
      t.initialize();
      Metrics before = t.evaluate(all);
      for (int step = 1; step <= 40; step++) t.trainStep(Batch.of(all.subList((step * 8) % 32, (step * 8) % 32 + 8)), 3e-3f, step);
      Metrics after = t.evaluate(all);
      // an untrained model spreads ~ln(118) nats over each element; 40 Adam steps must learn a lot of that
      assertThat(after.total()).isLessThan(before.total() - 5);
      assertThat(after.perKind()[1]).isLessThan(before.perKind()[1]);
    }
  }

  @Test
  void runCheckpointsAndResumes(@TempDir Path tmp) throws Exception {
    List<Encoded> all = Dataset.read(data("crystals/mini.sentences.csv"), new Encoder(AutomatonMasks.unconstrained())).encoded();
    StringWriter log = new StringWriter();
    Trainer.Outcome first;
    try (Trainer t = new Trainer(tiny(tmp, 2), new PrintWriter(log, true))) {
      first = t.run(all, all);
    }
    assertThat(first.steps()).isEqualTo(8);
    assertThat(log.toString()).contains("step 8/8").contains("final validation NLL/crystal");
    // same config, same work dir: the run is complete, so resuming trains no further and evaluates the same weights
    StringWriter log2 = new StringWriter();
    try (Trainer t = new Trainer(tiny(tmp, 2), new PrintWriter(log2, true))) {
      Trainer.Outcome again = t.run(all, all);
      assertThat(log2.toString()).contains("resuming at step 8");
      assertThat(again.steps()).isEqualTo(8);
      assertThat(again.train().total()).isCloseTo(first.train().total(), org.assertj.core.data.Offset.offset(1e-4));
    }
    // another config in the same work dir is refused, naming the state file
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
          try (Trainer t = new Trainer(tiny(tmp, 3), new PrintWriter(new StringWriter(), true))) {
            t.run(all, all);
          }
        })
        .hasMessageContaining("state.json").hasMessageContaining("another configuration");
  }
}
