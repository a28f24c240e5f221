package xtal.property;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xtal.model.TensorFlowNatives;
import xtal.property.features.CrystalFeatures;
import xtal.property.features.FeatureBatch;
import xtal.property.features.Featurizer;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;

/**
 * A trained property model, loaded from its directory (SavedModel + {@code model.json}) and run
 * through DJL's TensorFlow engine. Thread-safe: every call featurises its crystals (in parallel)
 * and runs them in batches of {@link #BATCH} crystals of similar size through its own predictor.
 *
 * <pre>{@code
 * try (PropertyModel heat = PropertyModel.load(Path.of("models/properties/perov5-heat_ref"))) {
 *   double[] eV = heat.predict(crystals);          // List<Crystal>, one value each, in order
 * }
 * }</pre>
 */
public final class PropertyModel implements AutoCloseable {
  /** The SavedModel signature holding the prediction. */
  public static final String SIGNATURE = "predict";

  /** What model.json's {@code kind} says. */
  public static final String KIND = "xtal property model";

  /** Crystals per call of the network. */
  public static final int BATCH = 256;

  private final Path dir;
  private final JsonNode description;
  private final ZooModel<NDList, NDList> model;

  private PropertyModel(Path dir, JsonNode description, ZooModel<NDList, NDList> model) {
    this.dir = dir;
    this.description = description;
    this.model = model;
  }

  /**
   * Loads a model directory.
   *
   * @throws IOException naming the directory when it is missing, is not a property model, was made
   *     with another featurisation, or does not load
   */
  public static PropertyModel load(Path dir) throws IOException {
    Path json = dir.resolve("model.json");
    if (!Files.isDirectory(dir)) throw new java.nio.file.NoSuchFileException(dir + ": no such model directory");
    if (!Files.isRegularFile(json)) throw new IOException(dir + ": not a model directory (no model.json)");
    JsonNode d;
    try {
      d = new ObjectMapper().readTree(json.toFile());
    } catch (IOException e) {
      throw new IOException(json + ": not valid JSON: " + e.getMessage(), e);
    }
    if (!KIND.equals(d.path("kind").asText()))
      throw new IOException(dir + ": not a property model (model.json kind is '" + d.path("kind").asText() + "', expected '" + KIND + "')");
    String features = d.path("features").path("version").asText();
    if (!Featurizer.VERSION.equals(features))
      throw new IOException(dir + ": made with features '" + features + "', this xtal computes '" + Featurizer.VERSION + "'");
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) throw new IOException(dir + ": no saved_model.pb");
    TensorFlowNatives.load();
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(dir)
            .optEngine("TensorFlow")
            .optOption("SignatureDefKey", SIGNATURE)
            .build();
    try {
      return new PropertyModel(dir, d, criteria.loadModel());
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IOException(dir + ": cannot load the model through DJL: " + e.getMessage(), e);
    }
  }

  /** The directory it was loaded from. */
  public Path directory() {
    return dir;
  }

  /** The label column it predicts, e.g. {@code heat_ref}. */
  public String property() {
    return description.path("column").asText();
  }

  /** model.json as read. */
  public JsonNode description() {
    return description;
  }

  /** One prediction per crystal, in order. */
  public double[] predict(List<Crystal> crystals) {
    return predictFeatures(crystals.parallelStream().map(Featurizer::of).toList());
  }

  public double predict(Crystal crystal) {
    return predict(List.of(crystal))[0];
  }

  /**
   * One prediction per sentence (any form the checker accepts).
   *
   * @throws IllegalArgumentException naming the first sentence that is not a valid crystal
   */
  public double[] predictSentences(List<String> sentences) {
    List<Crystal> crystals = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      CheckResult r = SentenceChecker.check("sentence " + (i + 1), 1, sentences.get(i));
      if (!r.ok()) throw new IllegalArgumentException(r.errors().get(0).format());
      crystals.add(r.crystal().get());
    }
    return predict(crystals);
  }

  /**
   * Predictions for features already computed (by {@link Featurizer#of}). Crystals are batched in
   * order of their site count, so that a batch pads little (the pair input grows with its square).
   */
  public double[] predictFeatures(List<CrystalFeatures> features) {
    double[] out = new double[features.size()];
    if (features.isEmpty()) return out;
    Integer[] order = new Integer[features.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> features.get(i).sites()));
    try (Predictor<NDList, NDList> predictor = model.newPredictor(); NDManager manager = NDManager.newBaseManager("TensorFlow")) {
      for (int i = 0; i < order.length; i += BATCH) {
        List<CrystalFeatures> part = new ArrayList<>();
        for (int k = i; k < Math.min(order.length, i + BATCH); k++) part.add(features.get(order[k]));
        FeatureBatch b = FeatureBatch.of(part);
        try (NDManager scope = manager.newSubManager()) {
          NDList in = new NDList(
              named(scope.create(b.species(), new Shape(b.shape("species"))), "species"),
              named(scope.create(b.weight(), new Shape(b.shape("weight"))), "weight"),
              named(scope.create(b.site(), new Shape(b.shape("site"))), "site"),
              named(scope.create(b.pair(), new Shape(b.shape("pair"))), "pair"),
              named(scope.create(b.cell(), new Shape(b.shape("cell"))), "cell"));
          float[] v = predictor.predict(in).get(0).toFloatArray();
          for (int k = 0; k < part.size(); k++) out[order[i + k]] = v[k];
        }
      }
    } catch (TranslateException e) {
      throw new IllegalStateException(dir + ": prediction failed: " + e.getMessage(), e);
    }
    return out;
  }

  private static NDArray named(NDArray a, String name) {
    a.setName(name);
    return a;
  }

  @Override
  public void close() {
    model.close();
  }
}
