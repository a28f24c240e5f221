package xtal.models.train;

import xtal.model.Layout;

/**
 * Mean negative log-likelihood per crystal, in nats, in total and split by token kind (letter,
 * element, coordinate, lattice; see {@link Layout#KINDS}).
 */
public record Metrics(int crystals, double total, double[] perKind) {

  /** Accumulates per-crystal, per-kind sums. */
  public static final class Sum {
    private final double[] sums = new double[Layout.KINDS.size()];
    private int n;

    public void add(float[] nll, int crystals) {
      for (int i = 0; i < crystals; i++) for (int k = 0; k < sums.length; k++) sums[k] += nll[i * sums.length + k];
      n += crystals;
    }

    public Metrics mean() {
      double[] m = new double[sums.length];
      double t = 0;
      for (int k = 0; k < m.length; k++) {
        m[k] = n == 0 ? Double.NaN : sums[k] / n;
        t += m[k];
      }
      return new Metrics(n, t, m);
    }
  }

  /** {@code 41.20 (letter 4.10 element 12.00 coordinate -3.20 lattice 2.30)}. */
  public String format() {
    StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%.3f (", total));
    for (int k = 0; k < perKind.length; k++)
      sb.append(k == 0 ? "" : " ").append(Layout.KINDS.get(k)).append(String.format(java.util.Locale.ROOT, " %.3f", perKind[k]));
    return sb.append(")").toString();
  }
}
