package xtal.model;

import java.util.List;

/**
 * The names a SavedModel of this project answers to: its signatures, their head outputs and the
 * key/value cache tensors of the incremental step. The exporter writes them; the runtime feeds and
 * reads them. Shapes are described in {@code model.json} ({@code signatures}).
 */
public final class Signatures {
  private Signatures() {}

  /** Whole sequences in, the heads at every position out. */
  public static final String FORWARD = "forward";
  /** One new position in with the key/value caches, its heads and the updated caches out. */
  public static final String STEP = "step";
  /** Whole sequences with targets and masks in, the negative log-likelihood per crystal and kind out. */
  public static final String NLL = "nll";

  /** Names of the head outputs, in the network's head order. */
  public static final List<String> HEAD_OUTPUTS =
      List.of("letter_logits", "element_logits", "coord_log_weights", "coord_locations", "coord_concentrations",
          "lattice_log_weights", "lattice_means", "lattice_stds");

  /** The name of layer {@code l}'s key or value cache in the step signature, e.g. {@code cache_keys_0}. */
  public static String cacheName(String keysOrValues, int layer) {
    return "cache_" + keysOrValues + "_" + layer;
  }
}
