package xtal.models.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import xtal.model.Layout;
import xtal.model.ModelConfig;
import xtal.model.ModelDescription;
import xtal.model.Signatures;
import xtal.models.nn.Network;

/**
 * Writes {@code model.json}: everything a runtime needs to drive the SavedModel beside it without
 * guesswork — the network's shape, the input token ids, feature columns, slot kinds, head layouts,
 * value transforms and the signatures with their shapes. A runtime reads it back through the
 * contract's {@link ModelDescription}.
 */
public final class ModelDescriptionWriter {
  private ModelDescriptionWriter() {}

  static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  static void write(Path file, ModelConfig cfg, long parameters, Map<String, Object> extra) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", ModelDescription.FORMAT);
    m.put("architecture", "xtal CrystalFormer-class autoregressive transformer (pre-LN, causal), conditioned on the space group");
    m.put("config", cfg);
    m.put("parameters", parameters);
    Map<String, Object> seq = new LinkedHashMap<>();
    seq.put("order", "BOS, then per site: Wyckoff letter, element, the free coordinates of that position (axis order), then END, then the free lattice parameters of the crystal system (a, b, c, alpha, beta, gamma order)");
    seq.put("group", "not a position: input 'group' = space-group number - 1, added to every position; the model does not predict it: draw it from group_prior (231 entries, index = group number, entry 0 unused; the training set's frequencies)");
    seq.put("prediction", "position t predicts the slot at t+1; input 'next' at t names that slot's kind; the last position has next = 0 (none)");
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("PAD", Layout.PAD);
    ids.put("BOS", Layout.BOS);
    ids.put("END", Layout.END);
    ids.put("wyckoff", "first " + Layout.FIRST_WYCKOFF + " + (number of Wyckoff positions of all groups below G) + letter index (a=0 .. z=25, A=26); " + Layout.WYCKOFF_POSITIONS + " positions in all");
    ids.put("element", "first " + Layout.FIRST_ELEMENT_INPUT + " + Z - 1");
    ids.put("coordinate", "first " + Layout.FIRST_COORD_INPUT + " + axis (x=0, y=1, z=2); its value goes to the features");
    ids.put("lattice", "first " + Layout.FIRST_LATTICE_INPUT + " + parameter index (a=0 .. gamma=5); its modelled value goes to feature " + Layout.FEAT_LATTICE);
    ids.put("vocabulary", Layout.INPUT_VOCAB);
    seq.put("input", ids);
    Map<String, Object> feats = new LinkedHashMap<>();
    feats.put("size", Layout.FEATURES);
    feats.put("fourier", "columns 0.." + (2 * Layout.FOURIER - 1) + " on coordinate positions: sin(2πkx), cos(2πkx) for k = 1.." + Layout.FOURIER + " (interleaved, sin first)");
    feats.put("lattice", "column " + Layout.FEAT_LATTICE + " on lattice positions: the modelled value");
    feats.put("multiplicity", "column " + Layout.FEAT_MULTIPLICITY + " on Wyckoff positions: ln(multiplicity) / ln(192)");
    seq.put("features", feats);
    seq.put("next", Map.of("none", Layout.NEXT_NONE, "letter_or_end", Layout.NEXT_LETTER, "element", Layout.NEXT_ELEMENT,
        "coordinate", Layout.NEXT_COORD + " + axis", "lattice", Layout.NEXT_LATTICE + " + parameter index", "kinds", Layout.NEXT_KINDS));
    m.put("sequence", seq);
    Map<String, Object> heads = new LinkedHashMap<>();
    heads.put("letter_logits", "[B,T,28]: a..z, A (index = Wyckoff letter index), 27 = END; mask with the automaton before softmax");
    heads.put("element_logits", "[B,T,118]: Z - 1; mask with the automaton before softmax");
    heads.put("coord_log_weights", "[B,T," + cfg.coordComponents() + "]: normalised log mixture weights of the von Mises mixture over θ = 2πx");
    heads.put("coord_locations", "[B,T," + cfg.coordComponents() + "]: μ in radians (any real; periodic)");
    heads.put("coord_concentrations", "[B,T," + cfg.coordComponents() + "]: κ, in [e^" + Network.MIN_LOG_KAPPA + ", e^" + Network.MAX_LOG_KAPPA + "]");
    heads.put("lattice_log_weights", "[B,T," + cfg.latticeComponents() + "]: normalised log mixture weights of the Gaussian mixture over the modelled lattice value");
    heads.put("lattice_means", "[B,T," + cfg.latticeComponents() + "]");
    heads.put("lattice_stds", "[B,T," + cfg.latticeComponents() + "]");
    heads.put("lattice_transform", "lengths a, b, c: value / atoms^(1/3) with atoms = sum of multiplicities (conventional cell); angles: degrees / " + Layout.ANGLE_UNIT);
    m.put("heads", heads);
    Map<String, Object> sigs = new LinkedHashMap<>();
    sigs.put(Signatures.FORWARD, Map.of("inputs", Map.of("group", "int32 [B]", "input", "int32 [B,T]", "features", "float32 [B,T," + Layout.FEATURES + "]", "next", "int32 [B,T]"),
        "outputs", "the heads, each [B,T,n]"));
    String cache = "float32 [B," + cfg.heads() + ",C," + cfg.headSize() + "]";
    sigs.put(Signatures.STEP, Map.of("inputs", Map.of("group", "int32 [B]", "input", "int32 [B]", "features", "float32 [B," + Layout.FEATURES + "]", "next", "int32 [B]",
            "position", "int32 []: P, the new position's index (the prefix length)",
            "cache_keys_L, cache_values_L", cache + " for each layer L = 0.." + (cfg.layers() - 1) + ": row p < P holds position p; C > P rows (C = " + cfg.maxLength() + " fits any sequence); rows after P must be finite (start from zeros) and are masked"),
        "outputs", "the heads for the new position, each [B,n]; the caches with row P written",
        "usage", "start with P = 0 and input BOS, feed the returned caches back; the new row is written in place (the returned caches alias the fed ones), so never reuse a fed cache; all sequences of a batch advance together"));
    sigs.put(Signatures.NLL, Map.of("inputs", "forward inputs + target int32 [B,T] (class), value float32 [B,T] (coordinate fraction or modelled lattice value), jacobian float32 [B,T], kind float32 [B,T,4] (one-hot letter/element/coordinate/lattice; zeros = no target), letter_mask [B,T,28] and element_mask [B,T,118] (0 allowed, -1e9 not)",
        "outputs", "nll float32 [B,4]: negative log-likelihood per crystal by kind, nats; coordinates as densities on [0,1), lattice as densities in Å and degrees"));
    m.put("signatures", sigs);
    m.put("masks", "the compiler's unconstrained automaton (QueryCompiler.unconstrained()): any group, letters non-decreasing, zero-DOF positions at most once, END after >= 1 site, <= 20 sites, <= 20 atoms per primitive cell");
    if (extra != null) m.putAll(extra);
    JSON.writeValue(file.toFile(), m);
  }

  /** The entries {@link #write} derives from the code; the others are the caller's {@code extra}. */
  private static final Set<String> DERIVED =
      Set.of("format", "architecture", "config", "parameters", "sequence", "heads", "signatures", "masks");

  /**
   * The entries of a model directory's {@code model.json} that {@link #write} took from its
   * caller (training record, metrics, group prior…), to write them back unchanged on a re-export.
   */
  static Map<String, Object> extra(Path modelDir) throws IOException {
    JsonNode root = JSON.readTree(modelDir.resolve("model.json").toFile());
    Map<String, Object> extra = new LinkedHashMap<>();
    root.fieldNames().forEachRemaining(k -> {
      if (!DERIVED.contains(k)) extra.put(k, root.get(k));
    });
    return extra;
  }
}
