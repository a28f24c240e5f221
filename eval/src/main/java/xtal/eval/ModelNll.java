package xtal.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xtal.compiler.CompiledQuery;
import xtal.compiler.QueryCompiler;
import xtal.model.ModelDescription;
import xtal.runtime.Generator;
import xtal.runtime.decode.Score;
import xtal.runtime.decode.Scoring;
import xtal.stdlib.crystal.Crystal;

/**
 * The negative log-likelihood a model gives a reference set: the mean over crystals of the total
 * NLL (nats/crystal) and of each token kind's share (letter, element, coordinate, lattice), with the
 * sampler's unconstrained masks — the figure {@code xtalc score} prints per file. Computed by the
 * runtime's teacher-forced {@link Generator#score}, the same path that reports a sample's
 * log-likelihood, so no training code is involved.
 */
public final class ModelNll {
  private ModelNll() {}

  /** Crystals scored per call. */
  private static final int CHUNK = 512;

  /**
   * Scores the first {@code limit} crystals of {@code reference} that the unconstrained query
   * accepts (all when {@code limit <= 0}); lines that are no crystal, or that it rejects, count as
   * skipped.
   *
   * @throws IOException when the model directory or the file cannot be read
   */
  public static Evaluation.Nll of(Path modelDir, Path reference, int limit) throws IOException {
    ModelDescription.requireModelDirectory(modelDir); // before reading the reference, as the message every model command gives
    List<Crystal> crystals = new ArrayList<>();
    int skipped = 0;
    for (Samples.Entry e : Samples.read(reference)) {
      if (e.crystal() != null) crystals.add(e.crystal());
      else skipped++;
    }
    CompiledQuery unconstrained = QueryCompiler.unconstrained();
    List<String> kinds = Score.KINDS;
    double[] perKind = new double[kinds.size()];
    int n = 0;
    try (Generator g = Generator.load(modelDir)) {
      for (int from = 0; from < crystals.size() && (limit <= 0 || n < limit); from += CHUNK) {
        int want = limit <= 0 ? CHUNK : Math.min(CHUNK, limit - n);
        for (Scoring s : g.score(unconstrained, crystals.subList(from, Math.min(crystals.size(), from + want)))) {
          switch (s) {
            case Score ok -> {
              for (int k = 0; k < perKind.length; k++) perKind[k] -= ok.byKind()[k];
              n++;
            }
            case xtal.runtime.decode.Rejected r -> skipped++;
          }
        }
      }
    }
    double total = 0;
    for (int k = 0; k < perKind.length; k++) {
      perKind[k] /= Math.max(1, n);
      total += perKind[k];
    }
    return new Evaluation.Nll(n, skipped, total, kinds, perKind);
  }
}
