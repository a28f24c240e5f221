package xtal.stdlib.element;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * SMACT's compositional validity as the generative-crystal literature measures it, and the SMACT
 * data it rests on: {@code smact_validity} of CDVAE's {@code eval_utils} (run unchanged by DiffCSP
 * and CrystalFormer's {@code scripts/eval_utils.py}) with SMACT 2.2.1, the version CDVAE, DiffCSP
 * and FlowMM pin. The data is the resource {@code xtal/stdlib/smact/smact-2.2.1.tsv}, taken from
 * SMACT's own files at commit 012a70e4 (see its header and {@code tools/smact/extract_data.py}):
 * the default oxidation-state list ({@code Element.oxidation_states}, {@code
 * data/oxidation_states.txt}), Pauling electronegativities ({@code data/element_data.txt}) and the
 * metal list ({@code smact.metals}, which has Ge, Sb and Po but not Pm).
 *
 * <p>The definition ({@link #smactValid(int[], int[], boolean, boolean)}): the counts are divided
 * by their gcd and the elements taken in order of atomic number; one element is valid; with
 * {@code includeAlloys} a composition of SMACT metals only is valid; otherwise it is valid when
 * some choice of one oxidation state per element from the default list makes Σ state × count zero
 * ({@code neutral_ratios} with {@code stoichs = [(count,)…]}, so its threshold plays no part) and
 * passes the Pauling test ({@link #paulingTest}) when {@code usePaulingTest}. An element SMACT has
 * no data for (Z &gt; 103) makes SMACT raise; here the composition is invalid.
 *
 * <p>Pure and thread-safe; the search enumerates states element by element and drops a partial
 * choice whose charge the remaining elements can no longer bring to zero.
 */
public final class Smact {
  private Smact() {}

  /** The SMACT release whose data and rules these are. */
  public static final String VERSION = "2.2.1";

  /**
   * One element as SMACT 2.2.1 describes it.
   *
   * @param z atomic number
   * @param symbol {@code Fe}
   * @param paulingElectronegativity SMACT's {@code pauling_eneg}; empty where SMACT has None
   * @param metal whether {@code smact.metals} lists it
   * @param oxidationStates SMACT's default oxidation states, ascending (empty for He, Ne, Ar)
   */
  public record Entry(int z, String symbol, OptionalDouble paulingElectronegativity, boolean metal, List<Integer> oxidationStates) {
    public Entry {
      oxidationStates = List.copyOf(oxidationStates);
    }
  }

  private static final String RESOURCE = "/xtal/stdlib/smact/smact-2.2.1.tsv";
  private static final Entry[] BY_Z = new Entry[119];
  private static final int[][] STATES = new int[119][];
  private static final double[] ENEG = new double[119]; // NaN: unknown
  private static final boolean[] METAL = new boolean[119];

  static {
    Arrays.fill(ENEG, Double.NaN);
    InputStream in = Smact.class.getResourceAsStream(RESOURCE);
    if (in == null) throw new IllegalStateException("xtal: " + RESOURCE + " is not packaged in the stdlib jar");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) continue;
        String[] c = line.split("\t", -1);
        int z = Integer.parseInt(c[1]);
        OptionalDouble eneg = c[2].equals("None") ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(c[2]));
        List<Integer> states = new ArrayList<>();
        for (String s : c[4].trim().split("\\s+")) if (!s.isEmpty()) states.add(Integer.parseInt(s));
        BY_Z[z] = new Entry(z, c[0], eneg, c[3].equals("yes"), states);
        STATES[z] = states.stream().mapToInt(Integer::intValue).toArray();
        ENEG[z] = eneg.orElse(Double.NaN);
        METAL[z] = c[3].equals("yes");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("xtal: cannot read " + RESOURCE, e);
    }
  }

  /** SMACT's data for element {@code z}, empty where SMACT has none (Z &gt; 103). */
  public static Optional<Entry> entry(int z) {
    return z >= 1 && z < BY_Z.length ? Optional.ofNullable(BY_Z[z]) : Optional.empty();
  }

  /** Whether {@code smact.metals} lists element {@code z}. */
  public static boolean isMetal(int z) {
    return z >= 1 && z < METAL.length && METAL[z];
  }

  /** SMACT's default oxidation states of {@code z} (a fresh array; empty when it has none). */
  public static int[] oxidationStates(int z) {
    return z >= 1 && z < STATES.length && STATES[z] != null ? STATES[z].clone() : new int[0];
  }

  /** SMACT's Pauling electronegativity of {@code z}, NaN where it is None or unknown. */
  public static double paulingElectronegativity(int z) {
    return z >= 1 && z < ENEG.length ? ENEG[z] : Double.NaN;
  }

  /** {@link #smactValid(int[], int[], boolean, boolean)} of an element → count map, defaults on. */
  public static boolean smactValid(Map<Element, Integer> composition) {
    int[] z = new int[composition.size()], n = new int[composition.size()];
    int k = 0;
    for (Map.Entry<Element, Integer> e : composition.entrySet()) {
      if (e.getValue() <= 0) continue;
      z[k] = e.getKey().z();
      n[k++] = e.getValue();
    }
    return smactValid(Arrays.copyOf(z, k), Arrays.copyOf(n, k), true, true);
  }

  /** {@link #smactValid(int[], int[], boolean, boolean)} with SMACT's defaults (Pauling test on, alloys valid). */
  public static boolean smactValid(int[] z, int[] counts) {
    return smactValid(z, counts, true, true);
  }

  /**
   * SMACT's {@code smact_validity(elements, counts, use_pauling_test, include_alloys)} of a
   * composition: distinct atomic numbers {@code z} (any order) with positive {@code counts} (any
   * multiple of the formula; reduced here). An empty composition is invalid.
   */
  public static boolean smactValid(int[] z, int[] counts, boolean usePaulingTest, boolean includeAlloys) {
    int n = z.length;
    if (n != counts.length) throw new IllegalArgumentException("one count per element");
    if (n == 0) return false;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      if (counts[i] <= 0) throw new IllegalArgumentException("counts must be positive");
      if (entry(z[i]).isEmpty()) return false; // SMACT has no data and raises
    }
    Arrays.sort(order, (a, b) -> Integer.compare(z[a], z[b]));
    int[] zs = new int[n], c = new int[n];
    int g = 0;
    for (int i = 0; i < n; i++) {
      zs[i] = z[order[i]];
      c[i] = counts[order[i]];
      g = gcd(g, c[i]);
      if (i > 0 && zs[i] == zs[i - 1]) throw new IllegalArgumentException("element " + zs[i] + " given twice");
    }
    if (n == 1) return true;
    if (includeAlloys) {
      boolean allMetals = true;
      for (int x : zs) allMetals &= METAL[x];
      if (allMetals) return true;
    }
    for (int i = 0; i < n; i++) c[i] /= g;
    // the least and greatest charge elements i.. can still add, to prune partial choices
    long[] lo = new long[n + 1], hi = new long[n + 1];
    for (int i = n - 1; i >= 0; i--) {
      int[] s = STATES[zs[i]];
      if (s.length == 0) return false; // no state: no neutral choice (He, Ne, Ar)
      lo[i] = lo[i + 1] + (long) c[i] * Arrays.stream(s).min().getAsInt();
      hi[i] = hi[i + 1] + (long) c[i] * Arrays.stream(s).max().getAsInt();
    }
    return search(zs, c, lo, hi, new int[n], 0, 0L, usePaulingTest);
  }

  private static boolean search(int[] zs, int[] c, long[] lo, long[] hi, int[] chosen, int i, long charge, boolean pauling) {
    if (i == zs.length) return charge == 0 && (!pauling || paulingTest(zs, chosen));
    if (charge + lo[i] > 0 || charge + hi[i] < 0) return false;
    for (int s : STATES[zs[i]]) {
      chosen[i] = s;
      if (search(zs, c, lo, hi, chosen, i + 1, charge + (long) s * c[i], pauling)) return true;
    }
    return false;
  }

  /**
   * SMACT 2.2.1's {@code pauling_test} with its defaults ({@code eneg_states_test}) as {@code
   * smact_validity} calls it: the pairs (i &lt; j) of elements, in order of {@code zs}, are
   * checked in turn; a cation at least as electronegative as an anion fails. An unknown
   * electronegativity decides as SMACT's Python does: in a cation–anion pair the comparison raises
   * {@code TypeError}, which {@code smact_validity} takes as a pass of the whole test; in any
   * other pair SMACT returns False. The first pair that decides, decides.
   *
   * @param zs atomic numbers in the order SMACT sees them (ascending Z in {@code smact_validity})
   * @param states one oxidation state per element
   */
  public static boolean paulingTest(int[] zs, int[] states) {
    for (int i = 0; i < zs.length; i++)
      for (int j = i + 1; j < zs.length; j++) {
        double ei = paulingElectronegativity(zs[i]), ej = paulingElectronegativity(zs[j]);
        boolean unknown = Double.isNaN(ei) || Double.isNaN(ej);
        if (states[i] > 0 && states[j] < 0) {
          if (unknown) return true;
          if (ei >= ej) return false;
        } else if (states[i] < 0 && states[j] > 0) {
          if (unknown) return true;
          if (ei <= ej) return false;
        } else if (unknown) {
          return false;
        }
      }
    return true;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
