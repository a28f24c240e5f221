package xtal.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks a model directory before any engine touches it, so that a missing or damaged file is
 * an {@link IOException} naming that file, at load time — not TensorFlow's text at the first
 * step. What it cannot see (a bit flipped inside the graph or the variables) the engine's load
 * reports, and {@link Generator#load} names the directory then.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /** The files a model directory must hold: the SavedModel's graph and variables, and model.json. */
  public static void check(Path dir) throws IOException {
    if (!Files.exists(dir)) throw new IOException(dir + ": no such model directory");
    if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a model directory (a file, not a directory)");
    nonEmpty(dir.resolve("saved_model.pb"), "the SavedModel graph");
    Path vars = dir.resolve("variables");
    if (!Files.isDirectory(vars)) throw new IOException(vars + ": missing: the model's variables directory (a SavedModel needs variables/)");
    nonEmpty(vars.resolve("variables.index"), "the variables' index");
    List<Path> shards;
    try (Stream<Path> s = Files.list(vars)) {
      shards = s.filter(p -> p.getFileName().toString().startsWith("variables.data-")).sorted().toList();
    }
    if (shards.isEmpty()) throw new IOException(vars.resolve("variables.data-00000-of-00001") + ": missing: the variables' data");
    for (Path shard : shards) nonEmpty(shard, "the variables' data");
    description(dir);
  }

  private static void nonEmpty(Path file, String what) throws IOException {
    if (!Files.exists(file)) throw new IOException(file + ": missing: " + what);
    if (!Files.isRegularFile(file)) throw new IOException(file + ": not a file: " + what);
    if (!Files.isReadable(file)) throw new IOException(file + ": cannot read (permission denied): " + what);
    if (Files.size(file) == 0) throw new IOException(file + ": empty: " + what + " is damaged");
  }

  /**
   * model.json, parsed and checked field by field: {@code format}, {@code config} with positive
   * whole numbers, and {@code group_prior} (if present) finite and non-negative. Messages name the
   * file and the field in words, never a JSON library's internals.
   */
  public static JsonNode description(Path dir) throws IOException {
    Path file = dir.resolve("model.json");
    JsonNode root = json(dir);
    if (!root.path("format").isInt()) throw new IOException(file + ": field 'format' must be a whole number, found " + shown(root.get("format")));
    JsonNode cfg = root.get("config");
    if (cfg == null || !cfg.isObject()) throw new IOException(file + ": field 'config' must be an object, found " + shown(cfg));
    for (String f : List.of("width", "layers", "heads", "ffMultiplier", "maxLength", "coordComponents", "latticeComponents")) {
      JsonNode v = cfg.get(f);
      if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1)
        throw new IOException(file + ": field 'config." + f + "' must be a whole number >= 1, found " + shown(v));
    }
    JsonNode dropout = cfg.get("dropout");
    if (dropout != null && !(dropout.isNumber() && dropout.asDouble() >= 0 && dropout.asDouble() < 1))
      throw new IOException(file + ": field 'config.dropout' must be a number in [0, 1), found " + shown(dropout));
    checkPrior(file, root);
    return root;
  }

  /** model.json parsed, with a message naming the file, line and column when it is no JSON object. */
  public static JsonNode json(Path dir) throws IOException {
    Path file = dir.resolve("model.json");
    nonEmpty(file, "the model description");
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new IOException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) throw new IOException(file + ": expected a JSON object");
    return root;
  }

  /** {@code group_prior}, if present: 231 weights (or group → weight), each finite and >= 0. */
  public static void checkPrior(Path file, JsonNode root) throws IOException {
    JsonNode prior = root.get("group_prior");
    if (prior != null && !prior.isNull()) {
      if (!prior.isArray() && !prior.isObject())
        throw new IOException(file + ": field 'group_prior' must be an array of 231 weights (or an object group → weight), found " + shown(prior));
      var fields = prior.isArray() ? null : prior.fields();
      for (int i = 0; prior.isArray() ? i < prior.size() : fields.hasNext(); i++) {
        String key;
        JsonNode w;
        if (prior.isArray()) {
          key = String.valueOf(i);
          w = prior.get(i);
        } else {
          var e = fields.next();
          key = e.getKey();
          w = e.getValue();
          int g;
          try {
            g = Integer.parseInt(key);
          } catch (NumberFormatException ex) {
            g = -1;
          }
          if (g < 1 || g > 230) throw new IOException(file + ": field 'group_prior': key '" + key + "' is not a space-group number 1..230");
        }
        // Jackson reads a bare NaN token only with a feature turned on; "NaN" as a string is caught here too
        double v = w.isNumber() ? w.asDouble() : Double.NaN;
        if (!(v >= 0 && v < Double.POSITIVE_INFINITY))
          throw new IOException(file + ": field 'group_prior[" + key + "]' must be a finite weight >= 0, found " + shown(w));
      }
    }
  }

  private static String shown(JsonNode v) {
    if (v == null || v.isMissingNode()) return "nothing";
    String s = v.toString();
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
