package xtal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model directory as a runtime sees it: the SavedModel beside a {@code model.json} (written by
 * the training module's exporter) whose {@code format}, network {@code config} and {@code
 * group_prior} are read here, once per load.
 *
 * @param directory the model directory
 * @param config the network's shape
 * @param groupPrior weight per space group (index = number, entry 0 unused), or null when the
 *     file has none (uniform)
 */
public record ModelDescription(Path directory, ModelConfig config, double[] groupPrior) {

  /** Format of model.json; bump on incompatible changes. */
  public static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads {@code directory/model.json}.
   *
   * @throws IOException naming the file when it is missing, unreadable, of another format or
   *     without a valid {@code config}
   */
  public static ModelDescription read(Path directory) throws IOException {
    Path file = directory.resolve("model.json");
    if (!Files.isRegularFile(file)) throw new IOException(directory + ": not a model directory (no model.json)");
    JsonNode root = JSON.readTree(file.toFile());
    if (root.path("format").asInt() != FORMAT)
      throw new IOException(file + ": format " + root.path("format").asText() + ", expected " + FORMAT);
    if (!root.path("config").isObject()) throw new IOException(file + ": no network 'config'");
    ModelConfig config;
    try {
      config = JSON.treeToValue(root.get("config"), ModelConfig.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(file + ": config: " + e.getMessage(), e);
    }
    return new ModelDescription(directory, config, GroupPrior.parse(root.get("group_prior")));
  }

  /**
   * Fails unless {@code directory} holds a SavedModel and its model.json.
   *
   * @throws IOException "DIR: not a model directory (needs saved_model.pb, variables/ and model.json)"
   */
  public static void requireModelDirectory(Path directory) throws IOException {
    if (!Files.isRegularFile(directory.resolve("saved_model.pb")) || !Files.isRegularFile(directory.resolve("model.json")))
      throw new IOException(directory + ": not a model directory (needs saved_model.pb, variables/ and model.json)");
  }

  /** The default model location, independent of the working directory: see {@link DefaultModel#directory()}. */
  public static Path defaultDirectory() {
    return DefaultModel.directory();
  }
}
