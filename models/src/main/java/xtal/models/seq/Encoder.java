package xtal.models.seq;

import xtal.compiler.Vocabulary;
import xtal.model.Layout;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.spacegroup.LatticeRule;

/**
 * Turns a checked {@link Crystal} into {@link Encoded} arrays, and computes the masks of every
 * letter and element slot with a {@link LetterMasks} rule set. Fails (as a value) when the rule set
 * does not allow the crystal, e.g. more than 20 atoms per primitive cell.
 */
public final class Encoder {
  private final LetterMasks masks;

  public Encoder(LetterMasks masks) {
    this.masks = masks;
  }

  /** An encoding or the reason there is none. */
  public sealed interface Result permits Ok, Rejected {}

  public record Ok(Encoded encoded) implements Result {}

  public record Rejected(String reason) implements Result {}

  /** Sequence length of a crystal without encoding it. */
  public static int length(Crystal c) {
    int n = 2 + c.group().latticeRule().freeCount();
    for (Site s : c.sites()) n += 2 + s.position().degreesOfFreedom();
    return n;
  }

  public Result encode(Crystal c) {
    int group = c.group().number();
    int atoms = 0;
    for (Site s : c.sites()) atoms += s.position().multiplicity();
    int n = length(c);
    int[] input = new int[n], next = new int[n], kind = new int[n], target = new int[n];
    float[] features = new float[n * Layout.FEATURES], value = new float[n], jac = new float[n];
    long[] letterAllowed = new long[n], elementAllowed = new long[2 * n];
    java.util.Arrays.fill(kind, -1);

    int state = masks.start(group);
    if (state < 0) return new Rejected("space group " + group + " is outside the rule set");
    int t = 0;
    input[t] = Layout.BOS;
    for (Site s : c.sites()) {
      // position t predicts this site's letter
      int letterToken = Vocabulary.letter(s.letter());
      if (!masks.allows(state, letterToken))
        return new Rejected("site " + s.letter() + " " + s.element().symbol() + " is not allowed here by the rule set");
      setLetterTarget(t, state, s.position().index(), next, kind, target, letterAllowed);
      state = masks.step(state, letterToken);
      t++;
      input[t] = Layout.wyckoffInput(group, s.position().index());
      features[t * Layout.FEATURES + Layout.FEAT_MULTIPLICITY] = Layout.multiplicityFeature(s.position().multiplicity());
      // position t predicts the element
      int elementToken = Vocabulary.element(s.element().z());
      if (!masks.allows(state, elementToken))
        return new Rejected("element " + s.element().symbol() + " is not allowed on site " + s.letter() + " by the rule set");
      next[t] = Layout.NEXT_ELEMENT;
      kind[t] = Layout.KIND_ELEMENT;
      target[t] = s.element().z() - 1;
      for (int z = 0; z < Layout.ELEMENT_CLASSES; z++)
        if (masks.allows(state, Vocabulary.FIRST_ELEMENT + z)) elementAllowed[2 * t + (z >> 6)] |= 1L << (z & 63);
      state = masks.step(state, elementToken);
      t++;
      input[t] = Layout.FIRST_ELEMENT_INPUT + s.element().z() - 1;
      double[] xyz = s.xyz();
      for (int axis : s.position().freeAxes()) {
        next[t] = Layout.NEXT_COORD + axis;
        kind[t] = Layout.KIND_COORD;
        double x = xyz[axis] - Math.floor(xyz[axis]);
        value[t] = (float) x;
        t++;
        input[t] = Layout.FIRST_COORD_INPUT + axis;
        Layout.fourier(x, features, t * Layout.FEATURES);
      }
    }
    if (!masks.allows(state, Vocabulary.END)) return new Rejected("the rule set does not allow the site list to end here");
    setLetterTarget(t, state, Layout.END_CLASS, next, kind, target, letterAllowed);
    t++;
    input[t] = Layout.END;
    LatticeRule rule = c.group().latticeRule();
    double[] six = c.lattice().parameters();
    for (int i : rule.freeIndices()) {
      double[] m = Layout.latticeTransform(i, six[i], atoms);
      next[t] = Layout.NEXT_LATTICE + i;
      kind[t] = Layout.KIND_LATTICE;
      value[t] = (float) m[0];
      jac[t] = (float) m[1];
      t++;
      input[t] = Layout.FIRST_LATTICE_INPUT + i;
      features[t * Layout.FEATURES + Layout.FEAT_LATTICE] = (float) m[0];
    }
    next[t] = Layout.NEXT_NONE;
    assert t == n - 1 : t + " != " + (n - 1);
    return new Ok(new Encoded(group, atoms, input, features, next, kind, target, value, jac, letterAllowed, elementAllowed));
  }

  private void setLetterTarget(int t, int state, int cls, int[] next, int[] kind, int[] target, long[] letterAllowed) {
    next[t] = Layout.NEXT_LETTER;
    kind[t] = Layout.KIND_LETTER;
    target[t] = cls;
    long bits = 0;
    for (int i = 0; i < Vocabulary.LETTERS; i++) if (masks.allows(state, Vocabulary.FIRST_LETTER + i)) bits |= 1L << i;
    if (masks.allows(state, Vocabulary.END)) bits |= 1L << Layout.END_CLASS;
    letterAllowed[t] = bits;
  }
}
