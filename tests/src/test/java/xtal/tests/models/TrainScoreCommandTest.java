package xtal.tests.models;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.tests.Cli.Result;

/**
 * {@code xtalc train} and {@code xtalc score} end to end: a tiny model trained from a config on
 * the 32 perovskites of mini.sentences.csv, exported, then used to score sentences; bad lines and
 * a missing model give positioned messages and exit 65, never a stack trace.
 */
class TrainScoreCommandTest {
  @TempDir static Path dir;
  static Path model;
  static String trainOut;

  static Path mini() {
    return Path.of(System.getProperty("xtal.data")).resolve("crystals/mini.sentences.csv");
  }

  @BeforeAll
  static void train() throws Exception {
    model = dir.resolve("model");
    Path config = dir.resolve("tiny.json");
    Files.writeString(config, """
        {
          "train": "data:crystals/mini.sentences.csv",
          "validation": "data:crystals/mini.sentences.csv",
          "model": {"width": 32, "layers": 2, "heads": 4, "ffMultiplier": 2, "maxLength": 64,
                    "dropout": 0.1, "coordComponents": 16, "latticeComponents": 4},
          "batchSize": 8, "epochs": 4, "maxMinutes": 5, "learningRate": 0.003, "minLearningRate": 0.0003,
          "warmupSteps": 4, "clipNorm": 1.0, "seed": 1, "validateEvery": 8, "checkpointEvery": 8,
          "output": "%s", "workDir": "%s"
        }
        """.formatted(model, dir.resolve("work")));
    Result r = xtalc("train", "--config", config.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    trainOut = r.out();
  }

  @Test
  void trainReportsMetricsAndExports() {
    assertThat(trainOut).contains("steps: 16").contains("train NLL:").contains("validation NLL:").contains("model: " + model);
    assertThat(model.resolve("saved_model.pb")).exists();
    assertThat(model.resolve("model.json")).content().contains("\"signatures\"").contains("\"validation\"");
  }

  @Test
  void scoresEverySentenceAndTheMean() {
    Result r = xtalc("score", mini().toString(), "--model", model.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(33);
    double sum = 0;
    for (int i = 0; i < 32; i++) {
      String[] f = lines.get(i).split("\\s+");
      assertThat(f[1]).isEqualTo(mini() + ":" + (i + 2));
      sum += Double.parseDouble(f[0]);
    }
    String last = lines.get(32);
    assertThat(last).matches("mean NLL: -?[0-9.]+ nats/crystal over 32 crystals");
    assertThat(Double.parseDouble(last.split(" ")[2])).isCloseTo(sum / 32, offset(1e-3));
  }

  @Test
  void byKindSumsToTheTotal() {
    Result r = xtalc("score", "-k", mini().toString(), "--model", model.toString());
    String first = r.out().lines().findFirst().orElseThrow();
    String[] f = first.split("\\s+");
    double total = Double.parseDouble(f[0]);
    double parts = Double.parseDouble(f[3]) + Double.parseDouble(f[5]) + Double.parseDouble(f[7]) + Double.parseDouble(f[9]);
    assertThat(f[2]).isEqualTo("letter");
    assertThat(parts).isCloseTo(total, offset(1e-3));
  }

  @Test
  void badLinesArePositionedAndTheRestIsScored() throws Exception {
    Path f = dir.resolve("mixed.txt");
    Files.writeString(f, "221-a-Sr-0-0-0-b-Ti-0.5-0.5-0.5-c-O-0-0.5-0.5-X-3.9-3.9-3.9-90-90-90\n225-z-Na-X-5.6\n");
    Result r = xtalc("score", f.toString(), "--model", model.toString());
    assertThat(r.code()).isEqualTo(65);
    assertThat(r.err()).contains(f + ":2:");
    assertThat(r.out()).contains("mean NLL:").contains("over 1 crystals");
  }

  @Test
  void readsStandardInput() {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream("221-a-Sr-0-0-0-b-Ti-0.5-0.5-0.5-c-O-0-0.5-0.5-X-3.9-3.9-3.9-90-90-90\n".getBytes(StandardCharsets.UTF_8)));
    try {
      Result r = xtalc("score", "-", "--model", model.toString());
      assertThat(r.code()).as(r.err()).isEqualTo(0);
      assertThat(r.out()).contains("<stdin>:1").contains("over 1 crystals");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void missingModelExits66() {
    Result r = xtalc("score", mini().toString(), "--model", dir.resolve("nowhere").toString());
    assertThat(r.code()).isEqualTo(66);
    assertThat(r.err()).contains("nowhere: no such model directory");
  }

  @Test
  void badConfigNamesTheField() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, """
        {"train": "x", "model": {"width": 32, "layers": 1, "heads": 4, "ffMultiplier": 2, "maxLength": 64,
          "dropout": 0, "coordComponents": 4, "latticeComponents": 2},
         "batchSize": 0}""");
    Result r = xtalc("train", "--config", bad.toString());
    assertThat(r.code()).isEqualTo(65);
    assertThat(r.err()).contains(bad + ":").contains("batchSize: must be positive");
    Files.writeString(bad, "{\"train\": \"x\",\n \"batchSize\": \"many\"}");
    Result syntax = xtalc("train", "--config", bad.toString());
    assertThat(syntax.code()).isEqualTo(65);
    assertThat(syntax.err()).contains(bad + ":2:");
    Result missing = xtalc("train", "--config", dir.resolve("none.json").toString());
    assertThat(missing.code()).isEqualTo(66);
  }

  @Test
  void baselineScoresWithoutAModel() {
    Result r = xtalc("score", mini().toString(), "--baseline", mini().toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("over 32 crystals");
  }

  @Test
  void shippedModelScoresValidationSentences() throws Exception {
    Path shipped = Path.of("..", "models", "mp20");
    Path val = Path.of(System.getProperty("xtal.data")).resolve("crystals/mp20_val.sentences.csv");
    Path head = dir.resolve("val200.csv");
    Files.write(head, Files.readAllLines(val).subList(0, 201));
    Result r = xtalc("score", head.toString(), "--model", shipped.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("over 200 crystals");
  }
}
