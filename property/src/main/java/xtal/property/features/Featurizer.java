package xtal.property.features;

import java.util.ArrayList;
import java.util.List;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Lattice;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.element.Element;
import xtal.stdlib.spacegroup.CrystalSystem;

/**
 * Crystal → the model's inputs, deterministic and without training: one row per occupied
 * symmetry-distinct site (all atoms of a site share one environment, so a site stands for its
 * whole orbit, weighted by its multiplicity), a radial pair tensor between sites, and a few
 * whole-cell descriptors.
 *
 * <p>Geometry comes from the stdlib's conventional cell ({@link Crystal#expand()}), with every
 * periodic image within {@link #CUTOFF} Å. Distances enter as Gaussian radial basis functions
 * times a cosine cutoff, so features are smooth in the coordinates and lattice.
 */
public final class Featurizer {
  private Featurizer() {}

  /** Version of the featurisation; model.json records it and loading checks it. */
  public static final String VERSION = "xtal-property-features/2";

  /** Neighbours up to this distance (Å) enter the radial features. */
  public static final double CUTOFF = 6.0;

  /** Radial basis: {@link #RBF} Gaussians of width {@link #RBF_WIDTH} Å, centred from 0.5 Å to the cutoff. */
  public static final int RBF = 24;

  public static final double RBF_WIDTH = 0.25, RBF_FIRST = 0.5;

  /** Names of the per-site features, in order (the radial sums follow as rbf_0 …). */
  public static final List<String> SITE_FEATURES =
      List.of("Z", "mass", "electronegativity", "radius", "is_metal", "max_oxidation", "min_oxidation", "period",
          "ln_multiplicity", "nearest_distance", "coordination", "neighbour_electronegativity", "nearest_over_radii");

  /** Names of the whole-cell features, in order. */
  public static final List<String> CELL_FEATURES =
      List.of("volume_per_atom", "ln_atoms", "density", "min_distance", "sites", "space_group",
          "triclinic", "monoclinic", "orthorhombic", "tetragonal", "trigonal", "hexagonal", "cubic",
          "a_reduced", "b_reduced", "c_reduced", "abs_cos_alpha", "abs_cos_beta", "abs_cos_gamma",
          "mean_electronegativity", "electronegativity_spread", "mean_radius", "charge_balanced", "charge_balanced_icsd");

  public static final int SITE_WIDTH = SITE_FEATURES.size() + RBF, CELL_WIDTH = CELL_FEATURES.size();

  /** Stand-ins for elements whose table entry lacks a value (noble gases' electronegativity). */
  private static final double DEFAULT_ELECTRONEGATIVITY = 1.9, DEFAULT_RADIUS = 1.5;

  /** A neighbour counts towards the coordination number within this factor of the nearest distance. */
  private static final double SHELL = 1.2;

  /** The features of one crystal. */
  public static CrystalFeatures of(Crystal crystal) {
    UnitCell cell = crystal.expand();
    List<Atom> atoms = cell.atoms();
    // occupied sites in order; a site merged into another (same point) has no atoms and drops out
    int written = crystal.sites().size();
    int[] count = new int[written];
    int[] representative = new int[written];
    java.util.Arrays.fill(representative, -1);
    for (int i = 0; i < atoms.size(); i++) {
      int s = atoms.get(i).site();
      if (count[s]++ == 0) representative[s] = i;
    }
    List<Integer> sites = new ArrayList<>();
    for (int s = 0; s < written; s++) if (count[s] > 0) sites.add(s);
    int n = sites.size();
    int[] siteOf = new int[written];
    for (int k = 0; k < n; k++) siteOf[sites.get(k)] = k;

    double[][] m = crystal.lattice().matrix();
    List<double[]> images = images(crystal.lattice(), m);

    int[] species = new int[n];
    float[] weight = new float[n];
    float[][] site = new float[n][SITE_WIDTH];
    float[][][] pair = new float[n][n][RBF];
    double minDistance = Double.POSITIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      Atom a = atoms.get(representative[sites.get(k)]);
      Element e = a.element();
      species[k] = e.z();
      weight[k] = count[sites.get(k)];
      Neighbours nb = neighbours(a, atoms, siteOf, m, images, pair[k], site[k]);
      minDistance = Math.min(minDistance, nb.nearest());
      float[] f = site[k];
      f[0] = e.z();
      f[1] = (float) e.mass();
      f[2] = (float) electronegativity(e);
      f[3] = (float) radius(e);
      f[4] = e.isMetal() ? 1 : 0;
      f[5] = e.commonOxidationStates().stream().mapToInt(Integer::intValue).max().orElse(0);
      f[6] = e.commonOxidationStates().stream().mapToInt(Integer::intValue).min().orElse(0);
      f[7] = period(e.z());
      f[8] = (float) Math.log(weight[k]);
      f[9] = (float) nb.nearest();
      f[10] = nb.coordination();
      f[11] = (float) nb.meanElectronegativity();
      f[12] = (float) (nb.nearest() / (radius(e) + nb.nearestRadius()));
    }
    return new CrystalFeatures(species, weight, site, pair, cellFeatures(crystal, cell, atoms, minDistance), fractions(atoms));
  }

  private record Neighbours(double nearest, double nearestRadius, int coordination, double meanElectronegativity) {}

  /**
   * Adds every neighbour of {@code a} within the cutoff to the pair row (by the neighbour's
   * site) and to the site's own radial sum (after {@link #SITE_FEATURES}); returns the nearest
   * shell.
   */
  private static Neighbours neighbours(Atom a, List<Atom> atoms, int[] siteOf, double[][] m, List<double[]> images, float[][] pairRow, float[] siteRow) {
    double[] fa = a.xyz();
    int base = SITE_FEATURES.size();
    double nearest = Double.POSITIVE_INFINITY, nearestRadius = DEFAULT_RADIUS;
    double[] dist = new double[64];
    int[] who = new int[64];
    int found = 0;
    double cut2 = CUTOFF * CUTOFF;
    double[] rbf = new double[RBF];
    for (int j = 0; j < atoms.size(); j++) {
      Atom b = atoms.get(j);
      double fx = b.x() - fa[0], fy = b.y() - fa[1], fz = b.z() - fa[2];
      fx -= Math.rint(fx);
      fy -= Math.rint(fy);
      fz -= Math.rint(fz);
      double dx = fx * m[0][0] + fy * m[1][0] + fz * m[2][0];
      double dy = fx * m[0][1] + fy * m[1][1] + fz * m[2][1];
      double dz = fx * m[0][2] + fy * m[1][2] + fz * m[2][2];
      float[] target = pairRow[siteOf[b.site()]];
      for (double[] t : images) {
        double x = dx + t[0], y = dy + t[1], z = dz + t[2];
        double d2 = x * x + y * y + z * z;
        if (d2 >= cut2 || d2 < 1e-8) continue;
        double d = Math.sqrt(d2);
        if (d < nearest) {
          nearest = d;
          nearestRadius = radius(b.element());
        }
        if (found == dist.length) {
          dist = java.util.Arrays.copyOf(dist, found * 2);
          who = java.util.Arrays.copyOf(who, found * 2);
        }
        dist[found] = d;
        who[found++] = j;
        int window = radial(d, rbf);
        for (int k = window >> 8, hi = window & 0xff; k <= hi; k++) {
          target[k] += (float) rbf[k];
          siteRow[base + k] += (float) rbf[k];
        }
      }
    }
    if (found == 0) return new Neighbours(CUTOFF, DEFAULT_RADIUS, 0, DEFAULT_ELECTRONEGATIVITY);
    int shell = 0;
    double en = 0;
    for (int i = 0; i < found; i++)
      if (dist[i] <= nearest * SHELL) {
        shell++;
        en += electronegativity(atoms.get(who[i]).element());
      }
    return new Neighbours(nearest, nearestRadius, shell, en / shell);
  }

  /**
   * The lattice translations (Cartesian, Å) that can bring an atom within the cutoff of another:
   * a wrapped fractional difference lies in [-½, ½]³, so its vector is at most half the sum of the
   * cell edges long, and only translations within the cutoff plus that length matter.
   */
  static List<double[]> images(Lattice lattice, double[][] m) {
    double[] h = lattice.planeSpacings();
    int[] range = new int[3];
    for (int k = 0; k < 3; k++) range[k] = (int) Math.min(40, Math.ceil(CUTOFF / h[k] + 0.5));
    double reach = CUTOFF + 0.5 * (lattice.a() + lattice.b() + lattice.c());
    List<double[]> out = new ArrayList<>();
    for (int u = -range[0]; u <= range[0]; u++)
      for (int v = -range[1]; v <= range[1]; v++)
        for (int w = -range[2]; w <= range[2]; w++) {
          double[] t = {u * m[0][0] + v * m[1][0] + w * m[2][0], u * m[0][1] + v * m[1][1] + w * m[2][1], u * m[0][2] + v * m[1][2] + w * m[2][2]};
          if (t[0] * t[0] + t[1] * t[1] + t[2] * t[2] <= reach * reach) out.add(t);
        }
    return out;
  }

  private static final double STEP = (CUTOFF - RBF_FIRST) / (RBF - 1), A = STEP / RBF_WIDTH, DECAY = Math.exp(-A * A);

  /** Basis functions this far (in centres) from the nearest one are below e^-25 and left out. */
  private static final int WINDOW = 8;

  /**
   * Gaussians at the basis centres, times the cosine cutoff, for a distance below the cutoff;
   * only the centres within {@link #WINDOW} of the nearest are written (the rest are below
   * e^-25). Successive Gaussians differ by a factor that itself shrinks by e^-a² per centre, so
   * three exponentials give them all. Returns the written range as {@code lo << 8 | hi}.
   */
  static int radial(double d, double[] out) {
    double envelope = 0.5 * (Math.cos(Math.PI * d / CUTOFF) + 1);
    int near = (int) Math.max(0, Math.min(RBF - 1, Math.rint((d - RBF_FIRST) / STEP)));
    int lo = Math.max(0, near - WINDOW), hi = Math.min(RBF - 1, near + WINDOW);
    double t = (d - (RBF_FIRST + near * STEP)) / RBF_WIDTH;
    double g = Math.exp(-0.5 * t * t);
    out[near] = envelope * g;
    // upwards: g(k+1) = g(k)·q(k), q(k) = exp(a·t(k) − a²/2), q(k+1) = q(k)·e^-a²
    double gk = g, q = Math.exp(A * t - 0.5 * A * A);
    for (int k = near + 1; k <= hi; k++) {
      gk *= q;
      q *= DECAY;
      out[k] = envelope * gk;
    }
    gk = g;
    q = Math.exp(-A * t - 0.5 * A * A);
    for (int k = near - 1; k >= lo; k--) {
      gk *= q;
      q *= DECAY;
      out[k] = envelope * gk;
    }
    return lo << 8 | hi;
  }

  private static float[] cellFeatures(Crystal crystal, UnitCell cell, List<Atom> atoms, double minDistance) {
    float[] g = new float[CELL_WIDTH];
    int n = atoms.size();
    Lattice l = crystal.lattice();
    double volume = l.volume();
    g[0] = (float) (volume / n);
    g[1] = (float) Math.log(n);
    g[2] = (float) cell.density();
    g[3] = (float) (Double.isFinite(minDistance) ? minDistance : CUTOFF);
    g[4] = crystal.sites().size();
    g[5] = crystal.group().number();
    CrystalSystem system = crystal.group().crystalSystem();
    g[6 + system.ordinal()] = 1;
    double[] lengths = {l.a(), l.b(), l.c()};
    java.util.Arrays.sort(lengths);
    double scale = Math.cbrt(volume);
    for (int k = 0; k < 3; k++) g[13 + k] = (float) (lengths[k] / scale);
    g[16] = (float) Math.abs(Math.cos(Math.toRadians(l.alpha())));
    g[17] = (float) Math.abs(Math.cos(Math.toRadians(l.beta())));
    g[18] = (float) Math.abs(Math.cos(Math.toRadians(l.gamma())));
    double en = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, r = 0;
    for (Atom a : atoms) {
      double x = electronegativity(a.element());
      en += x;
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      r += radius(a.element());
    }
    g[19] = (float) (en / n);
    g[20] = (float) (hi - lo);
    g[21] = (float) (r / n);
    java.util.Map<Element, Integer> composition = cell.composition();
    g[22] = chargeBalanced(composition, Element::commonOxidationStates) ? 1 : 0;
    g[23] = chargeBalanced(composition, Element::icsdOxidationStates) ? 1 : 0;
    return g;
  }

  /**
   * Whether one oxidation state per element (from {@code states}; 0 for an element without any)
   * makes the cell neutral; an element alone counts as balanced. Band gaps are far more common
   * among balanced compositions (in perov_5's val split 11 % against 1 %).
   */
  static boolean chargeBalanced(java.util.Map<Element, Integer> composition, java.util.function.Function<Element, List<Integer>> states) {
    if (composition.size() < 2) return true;
    List<Element> elements = new ArrayList<>(composition.keySet());
    int[][] options = new int[elements.size()][];
    int[] counts = new int[elements.size()];
    for (int i = 0; i < options.length; i++) {
      List<Integer> s = states.apply(elements.get(i));
      options[i] = s.isEmpty() ? new int[] {0} : s.stream().mapToInt(Integer::intValue).toArray();
      counts[i] = composition.get(elements.get(i));
    }
    return balances(options, counts, 0, 0);
  }

  private static boolean balances(int[][] options, int[] counts, int i, long charge) {
    if (i == options.length) return charge == 0;
    for (int o : options[i]) if (balances(options, counts, i + 1, charge + (long) o * counts[i])) return true;
    return false;
  }

  /** Atomic fraction per atomic number (index Z), for the linear baseline. */
  private static double[] fractions(List<Atom> atoms) {
    double[] f = new double[119];
    for (Atom a : atoms) f[a.element().z()] += 1.0 / atoms.size();
    return f;
  }

  static double electronegativity(Element e) {
    return e.electronegativity().orElse(DEFAULT_ELECTRONEGATIVITY);
  }

  static double radius(Element e) {
    return e.radius().orElse(DEFAULT_RADIUS);
  }

  /** The period (row) of the periodic table. */
  static int period(int z) {
    int[] ends = {2, 10, 18, 36, 54, 86, 118};
    for (int p = 0; p < ends.length; p++) if (z <= ends[p]) return p + 1;
    return 7;
  }
}
