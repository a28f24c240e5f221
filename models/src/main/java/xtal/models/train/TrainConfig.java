package xtal.models.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import xtal.model.ModelConfig;
import xtal.stdlib.data.DataFiles;

/**
 * A training run, as read from JSON ({@code models/mp20/train.json}). Paths starting with {@code
 * data:} are resolved against the shared data directory ({@code -Dxtal.data}, {@code XTAL_DATA},
 * else {@code ../shared/data}); other relative paths against the working directory.
 *
 * @param train training sentences
 * @param validation validation sentences
 * @param model the network's shape
 * @param batchSize crystals per step
 * @param epochs passes over the training set (the learning-rate schedule spans them)
 * @param maxMinutes wall-clock limit of the run; it stops early and still exports
 * @param learningRate peak learning rate (Adam)
 * @param minLearningRate the cosine schedule's final learning rate
 * @param warmupSteps linear warm-up from 0
 * @param clipNorm global gradient-norm clip
 * @param seed initial weights, data order and dropout
 * @param validateEvery steps between validations (and at the end)
 * @param checkpointEvery steps between checkpoints (resumable)
 * @param output where the SavedModel, {@code model.json} and {@code metrics.json} go
 * @param workDir checkpoints and run state
 */
public record TrainConfig(
    String train,
    String validation,
    ModelConfig model,
    int batchSize,
    double epochs,
    double maxMinutes,
    double learningRate,
    double minLearningRate,
    int warmupSteps,
    double clipNorm,
    long seed,
    int validateEvery,
    int checkpointEvery,
    String output,
    String workDir) {

  public TrainConfig {
    require(train != null && !train.isBlank(), "train: a sentences file is required");
    require(model != null, "model: the network's shape is required");
    require(batchSize > 0, "batchSize: must be positive");
    require(epochs > 0, "epochs: must be positive");
    require(maxMinutes > 0, "maxMinutes: must be positive");
    require(learningRate > 0 && minLearningRate >= 0 && minLearningRate <= learningRate, "learningRate: need 0 <= minLearningRate <= learningRate, learningRate > 0");
    require(warmupSteps >= 0, "warmupSteps: must be >= 0");
    require(clipNorm > 0, "clipNorm: must be positive");
    require(validateEvery > 0 && checkpointEvery > 0, "validateEvery, checkpointEvery: must be positive");
    require(output != null && !output.isBlank(), "output: a directory is required");
    require(workDir != null && !workDir.isBlank(), "workDir: a directory is required");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

  static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * Reads a config file.
   *
   * @throws IllegalArgumentException with {@code FILE:LINE:COL: message} for bad JSON or values
   */
  public static TrainConfig read(Path file) throws IOException {
    try {
      return JSON.readValue(file.toFile(), TrainConfig.class);
    } catch (JsonMappingException e) {
      var loc = e.getLocation();
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      String msg = cause == e ? e.getOriginalMessage() : cause.getMessage();
      throw new IllegalArgumentException(file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr()) + ": " + msg, e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var loc = e.getLocation();
      throw new IllegalArgumentException(file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr()) + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Resolves a config path ({@code data:} prefix → shared data directory). */
  public static Path resolve(String path) {
    if (path.startsWith("data:")) {
      Path dir = DataFiles.overrideDirectory();
      if (dir == null) dir = Path.of("..", "shared", "data");
      return dir.resolve(path.substring(5));
    }
    return Path.of(path);
  }

  /** This config with some fields replaced; null keeps a field. */
  public TrainConfig with(String output, String workDir, Double maxMinutes, Double epochs) {
    return new TrainConfig(train, validation, model, batchSize, epochs == null ? this.epochs : epochs,
        maxMinutes == null ? this.maxMinutes : maxMinutes, learningRate, minLearningRate, warmupSteps, clipNorm, seed,
        validateEvery, checkpointEvery, output == null ? this.output : output, workDir == null ? this.workDir : workDir);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
