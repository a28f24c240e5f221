package xtal.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import xtal.models.XtalModel;
import xtal.models.seq.AutomatonMasks;
import xtal.models.seq.Encoder;
import xtal.models.seq.Layout;
import xtal.models.train.Dataset;

/**
 * The negative log-likelihood a model gives a reference set: the mean over crystals of the total
 * NLL (nats/crystal) and of each token kind's share (letter, element, coordinate, lattice), with the
 * sampler's unconstrained masks — the figure {@code xtalc score} prints per file.
 */
public final class ModelNll {
  private ModelNll() {}

  /**
   * Scores the first {@code limit} crystals of {@code reference} (all when {@code limit <= 0}).
   *
   * @throws IOException when the model directory or the file cannot be read
   */
  public static Evaluation.Nll of(Path modelDir, Path reference, int limit) throws IOException {
    Dataset d = Dataset.read(reference, new Encoder(AutomatonMasks.unconstrained()));
    List<xtal.models.seq.Encoded> enc = limit > 0 && d.size() > limit ? d.encoded().subList(0, limit) : d.encoded();
    try (XtalModel m = XtalModel.load(modelDir)) {
      double[][] nll = m.nll(enc);
      int k = Layout.KINDS.size();
      double[] perKind = new double[k];
      double total = 0;
      for (double[] row : nll)
        for (int j = 0; j < k; j++) {
          perKind[j] += row[j];
          total += row[j];
        }
      int n = Math.max(1, nll.length);
      for (int j = 0; j < k; j++) perKind[j] /= n;
      return new Evaluation.Nll(nll.length, d.problems().size(), total / n, Layout.KINDS, perKind);
    }
  }
}
