package xtal.model;

import java.util.List;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;

/**
 * The model's sequence layout: which input token and features stand at each position, and what
 * the position predicts. Written out in {@code model.json} for the runtime.
 *
 * <p>A crystal of space group G with sites (w_i, E_i, free coordinates of w_i) becomes
 *
 * <pre>
 *   BOS, w_1, E_1, c_1..c_k1, w_2, E_2, ..., END, l_1..l_m
 * </pre>
 *
 * where only the coordinates the Wyckoff position leaves free and only the lattice parameters the
 * crystal system leaves free are in the sequence (the rest follow exactly). The group is not a
 * position: it is embedded into every position. Position t carries the token at t as input and
 * predicts the token at t+1; the kind of that next slot ({@link #NEXT_LETTER} …) is an input too, so
 * the runtime, which knows it from the automaton, never has to guess which head to read.
 *
 * <p>The feature transforms ({@link #multiplicityFeature}, {@link #latticeScale}, {@link #fourier})
 * are here, once, because training (the encoder) and sampling (the decoder) must compute them
 * bit for bit alike.
 */
public final class Layout {
  private Layout() {}

  // ---- input token ids (embedding table rows)
  public static final int PAD = 0, BOS = 1, END = 2;
  /** First Wyckoff-position id: {@code FIRST_WYCKOFF + globalIndex(group, letter)}. */
  public static final int FIRST_WYCKOFF = 3;
  /** Number of Wyckoff positions over all 230 groups. */
  public static final int WYCKOFF_POSITIONS;

  private static final int[] GROUP_OFFSET = new int[231];

  static {
    int n = 0;
    for (SpaceGroup g : SpaceGroups.all()) {
      GROUP_OFFSET[g.number()] = n;
      n += g.positions().size();
    }
    WYCKOFF_POSITIONS = n;
  }

  public static final int FIRST_ELEMENT_INPUT = FIRST_WYCKOFF + WYCKOFF_POSITIONS;
  public static final int FIRST_COORD_INPUT = FIRST_ELEMENT_INPUT + 118;
  public static final int FIRST_LATTICE_INPUT = FIRST_COORD_INPUT + 3;
  /** Rows of the input embedding table. */
  public static final int INPUT_VOCAB = FIRST_LATTICE_INPUT + 6;

  // ---- continuous input features
  /** Fourier frequencies k = 1..FOURIER of a coordinate: sin(2πkx), cos(2πkx). */
  public static final int FOURIER = 5;
  /** Feature column of the transformed lattice value. */
  public static final int FEAT_LATTICE = 2 * FOURIER;
  /** Feature column of ln(multiplicity) / ln(192) on Wyckoff tokens. */
  public static final int FEAT_MULTIPLICITY = FEAT_LATTICE + 1;
  public static final int FEATURES = FEAT_MULTIPLICITY + 1;

  // ---- the kind of slot a position predicts ("next")
  public static final int NEXT_NONE = 0, NEXT_LETTER = 1, NEXT_ELEMENT = 2;
  /** {@code NEXT_COORD + axis} for axis 0, 1, 2. */
  public static final int NEXT_COORD = 3;
  /** {@code NEXT_LATTICE + i} for a, b, c, alpha, beta, gamma. */
  public static final int NEXT_LATTICE = 6;
  public static final int NEXT_KINDS = 12;

  // ---- heads
  /** Letter head classes: a..z, A (index = Wyckoff index), then END. */
  public static final int LETTER_CLASSES = 28, END_CLASS = 27;
  public static final int ELEMENT_CLASSES = 118;

  /** Token kinds the likelihood is split into. */
  public static final List<String> KINDS = List.of("letter", "element", "coordinate", "lattice");
  public static final int KIND_LETTER = 0, KIND_ELEMENT = 1, KIND_COORD = 2, KIND_LATTICE = 3;

  /** Angles are modelled in units of 90°; lengths in Å / atoms^(1/3). */
  public static final double ANGLE_UNIT = 90.0;

  /** Input id of a Wyckoff position. */
  public static int wyckoffInput(int group, int letterIndex) {
    return FIRST_WYCKOFF + GROUP_OFFSET[group] + letterIndex;
  }

  /**
   * What lattice parameter {@code i} (0..5) is divided by to give its modelled value: atoms^(1/3)
   * for the lengths, {@link #ANGLE_UNIT} for the angles.
   */
  public static double latticeScale(int i, int atoms) {
    return i < 3 ? Math.cbrt(atoms) : ANGLE_UNIT;
  }

  /** The modelled value of lattice parameter {@code i} (0..5) and ln|d model / d value|. */
  public static double[] latticeTransform(int i, double value, int atoms) {
    double s = latticeScale(i, atoms);
    return new double[] {value / s, -Math.log(s)};
  }

  /** The feature column {@link #FEAT_MULTIPLICITY} of a Wyckoff position's input: ln(m) / ln(192). */
  public static float multiplicityFeature(int multiplicity) {
    return (float) (Math.log(multiplicity) / Math.log(192));
  }

  /** The Fourier features of a fractional coordinate into {@code dst[off .. off+2*FOURIER)}. */
  public static void fourier(double x, float[] dst, int off) {
    for (int k = 1; k <= FOURIER; k++) {
      double a = 2 * Math.PI * k * x;
      dst[off + 2 * (k - 1)] = (float) Math.sin(a);
      dst[off + 2 * (k - 1) + 1] = (float) Math.cos(a);
    }
  }
}
