package xtal.compiler;

import java.util.HashMap;
import java.util.Map;
import xtal.stdlib.element.Smact;
import xtal.stdlib.spacegroup.SpaceGroup;

/**
 * {@code smact-valid}: the crystal's composition passes SMACT's compositional test as CDVAE,
 * DiffCSP and CrystalFormer evaluate it ({@link Smact#smactValid}) — one oxidation state per
 * <em>element</em> (not per site) from SMACT's default list, charge neutrality of the gcd-reduced
 * formula, SMACT's Pauling test; one element and SMACT-metal-only compositions are valid.
 *
 * <p>State: the composition so far (pairs of Z and atoms, sorted by Z), exact. Whether a
 * composition can still be completed into a valid one is not decided here: the product explores
 * every reachable composition within the atom and site limits and minimization removes the states
 * from which no accepted crystal is reachable, so a token is allowed exactly when some completion
 * is SMACT-valid. The cost is one state per reachable composition (elements must be told apart),
 * so only narrowed queries compile: one or a few space groups, a short {@code only} list, few
 * atoms.
 */
final class SmactComponent implements Component {
  private final Components.Interner compositions = new Components.Interner();
  private final Map<Integer, Boolean> verdicts = new HashMap<>();
  private final String text;

  SmactComponent(String text) {
    this.text = text;
  }

  @Override
  public int start() {
    return compositions.id(new int[0]);
  }

  @Override
  public int onSite(int state, Site site) {
    int z = site.z();
    if (Smact.entry(z).isEmpty()) return -1; // SMACT has no data: never valid
    int[] c = (int[]) compositions.value(state);
    int i = 0;
    while (i < c.length && c[i] < z) i += 2;
    int[] next;
    if (i < c.length && c[i] == z) {
      next = c.clone();
      next[i + 1] += site.atoms();
    } else {
      next = new int[c.length + 2];
      System.arraycopy(c, 0, next, 0, i);
      next[i] = z;
      next[i + 1] = site.atoms();
      System.arraycopy(c, i, next, i + 2, c.length - i);
    }
    return compositions.id(next);
  }

  @Override
  public boolean acceptsAtEnd(int state, SpaceGroup group) {
    return verdicts.computeIfAbsent(state, s -> {
      int[] c = (int[]) compositions.value(s);
      if (c.length == 0) return false;
      int[] zs = new int[c.length / 2], counts = new int[c.length / 2];
      for (int k = 0; k < zs.length; k++) {
        zs[k] = c[2 * k];
        counts[k] = c[2 * k + 1];
      }
      return Smact.smactValid(zs, counts);
    });
  }

  @Override
  public Object elementKey(int z) {
    return z;
  }

  @Override
  public String describe() {
    return text;
  }

  /** Appended to a budget error of a query with {@code smact-valid}. */
  static final String NARROW_HINT =
      "; smact-valid keeps each element's count in the automaton, so it compiles only narrowed queries"
          + " (one or a few space groups, a short 'only' list, few atoms)";
}
