package xtal.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import xtal.eval.Samples.Entry;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.element.Element;
import xtal.stdlib.symmetry.StandardStructure;
import xtal.stdlib.symmetry.Structure;
import xtal.stdlib.symmetry.SymmetryFinder;

/**
 * The metrics of a set of generated crystals, as CDVAE, DiffCSP, CrystalFormer, MatterGen and
 * WyFormer report them on MP-20. Denominators:
 *
 * <ul>
 *   <li>validity (structural, compositional, both): every sample, unbuilt ones counting invalid;
 *   <li>P1 as found (the literature's figure: the group spglib finds in the generated structure is
 *       1): every built sample, finder failures counting as not P1;
 *   <li>P1 as asked and symmetry recovery: every built sample that asks a group (a sentence's
 *       group, a CIF's declared group above 1 — a declared 1 is only the setting of a P1 file);
 *   <li>uniqueness and novelty: every built sample; a sample is unique when no earlier sample
 *       matches it, novel when no training crystal does;
 *   <li>distributions (density, number of elements, space groups): the valid samples against
 *       every reference crystal, as CDVAE;
 *   <li>element frequencies (the report's element table): every built sample, valid or not.
 * </ul>
 *
 * <p>Two matchers: the {@link StructureMatcher} (pymatgen's semantics) and the exact skeleton —
 * the same space group, Wyckoff letters and elements ({@link #skeleton}), much cheaper and
 * stricter about the description, blind to coordinates and lattice.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * How to evaluate.
   *
   * @param symprec the symmetry finder's tolerance in Å
   * @param tolerances the structure matcher's tolerances
   * @param states which definition the compositional test uses ({@code SMACT}: the papers')
   */
  public record Options(double symprec, StructureMatcher.Tolerances tolerances, Validity.OxidationStates states) {
    public static final Options DEFAULT =
        new Options(SymmetryFinder.DEFAULT_SYMPREC, StructureMatcher.Tolerances.DEFAULT, Validity.OxidationStates.SMACT);
  }

  /**
   * What the distributions are made of, for one set of crystals.
   *
   * @param n crystals counted
   * @param density g/cm³ per crystal
   * @param elements number of distinct elements per crystal
   * @param lattice the six conventional lattice parameters, [6][n]
   * @param groups crystals per space group, index 1..230 (0 unused)
   * @param elementCrystals crystals containing each element, index Z (0 unused)
   */
  public record SetStats(int n, double[] density, double[] elements, double[][] lattice, int[] groups, int[] elementCrystals) {

    /** Statistics of cells with their groups (0: unknown, not counted in {@code groups}). */
    public static SetStats of(List<UnitCell> cells, List<Integer> groupOf) {
      int n = cells.size();
      double[] density = new double[n], elements = new double[n];
      double[][] lattice = new double[6][n];
      int[] groups = new int[231], els = new int[119];
      for (int i = 0; i < n; i++) {
        UnitCell c = cells.get(i);
        density[i] = c.density();
        Map<Element, Integer> comp = c.composition();
        elements[i] = comp.size();
        for (Element e : comp.keySet()) els[e.z()]++;
        double[] p = c.lattice().parameters();
        for (int k = 0; k < 6; k++) lattice[k][i] = p[k];
        int g = groupOf.get(i);
        if (g >= 1 && g <= 230) groups[g]++;
      }
      return new SetStats(n, density, elements, lattice, groups, els);
    }
  }

  /**
   * Per-sample findings.
   *
   * @param structural the structural test passed
   * @param compositional the compositional test passed
   * @param group the sample's group (asked, else found); 0 unknown
   * @param foundGroup the group the finder finds in the expanded cell; 0 when it fails or the
   *     sample did not build
   * @param skeleton the exact-skeleton key; null when unknown
   */
  public record Finding(Entry entry, boolean structural, boolean compositional, int group, int foundGroup, String skeleton) {
    public boolean valid() {
      return structural && compositional;
    }
  }

  /** The model's negative log-likelihood of the reference set (nats), per crystal and by token kind. */
  public record Nll(int crystals, int skipped, double perCrystal, List<String> kinds, double[] perKind) {}

  /**
   * Everything measured. Counts are absolute; the {@code percent*} helpers divide by the
   * denominators of the class comment. Novelty fields are -1 without a training set, distance
   * fields NaN without a reference set. {@code generated} describes the valid samples (CDVAE's
   * distributions), {@code allBuilt} every built sample; {@code composition} is the definition
   * the compositional figures were measured with.
   */
  public record Result(
      List<Finding> findings,
      int samples,
      int built,
      int structural,
      int compositional,
      int valid,
      int p1Found,
      int asked,
      int p1Asked,
      int recovered,
      int finderFailed,
      int uniqueStructures,
      int uniqueSkeletons,
      int trainSize,
      int novelStructures,
      int novelSkeletons,
      int novelUniqueValid,
      SetStats generated,
      SetStats allBuilt,
      SetStats reference,
      double densityW1,
      double elementsW1,
      double groupTv,
      Nll nll,
      Validity.OxidationStates composition) {

    /** The same result with an NLL added. */
    public Result withNll(Nll n) {
      return new Result(findings, samples, built, structural, compositional, valid, p1Found, asked, p1Asked, recovered, finderFailed,
          uniqueStructures, uniqueSkeletons, trainSize, novelStructures, novelSkeletons, novelUniqueValid, generated, allBuilt, reference,
          densityW1, elementsW1, groupTv, n, composition);
    }
  }

  /** 100·a/b, NaN for b = 0. */
  public static double percent(int a, int b) {
    return b == 0 ? Double.NaN : 100.0 * a / b;
  }

  /**
   * Evaluates samples; {@code train} and {@code reference} may be null (no novelty, no
   * distributions). Cost: one symmetry search per sample; structure matching only within groups of
   * equal reduced formula.
   */
  public static Result run(List<Entry> samples, List<Entry> train, List<Entry> reference, Options options) {
    StructureMatcher matcher = new StructureMatcher(options.tolerances());
    List<Finding> findings = IntStream.range(0, samples.size()).parallel()
        .mapToObj(i -> find(samples.get(i), options)).toList();

    int built = 0, structural = 0, compositional = 0, valid = 0, p1Found = 0, asked = 0, p1Asked = 0, recovered = 0, failed = 0;
    for (Finding f : findings) {
      if (f.structural) structural++;
      if (f.compositional) compositional++;
      if (f.valid()) valid++;
      if (!f.entry.built()) continue;
      built++;
      if (f.foundGroup == 0) failed++;
      if (f.foundGroup == 1) p1Found++;
      if (f.entry.group() > 0) {
        asked++;
        if (f.entry.group() == 1) p1Asked++;
        if (f.foundGroup == f.entry.group()) recovered++;
      }
    }

    // uniqueness: classes within formula buckets, compared against each class's first member
    Map<Integer, StructureMatcher.Prepared> prepared = new ConcurrentHashMap<>();
    List<Integer> builtIdx = IntStream.range(0, findings.size()).filter(i -> findings.get(i).entry.built()).boxed().toList();
    Map<String, List<Integer>> byFormula = new HashMap<>();
    for (int i : builtIdx) byFormula.computeIfAbsent(findings.get(i).entry.cell().reducedFormula(), k -> new ArrayList<>()).add(i);
    boolean[] unique = new boolean[findings.size()];
    List<List<Integer>> buckets = new ArrayList<>(byFormula.values());
    buckets.parallelStream().forEach(bucket -> {
      List<Integer> reps = new ArrayList<>();
      for (int i : bucket) {
        StructureMatcher.Prepared pi = prepared.computeIfAbsent(i, k -> StructureMatcher.prepare(findings.get(k).entry.cell()));
        boolean dup = false;
        for (int r : reps) if (matcher.fit(prepared.get(r), pi)) { dup = true; break; }
        if (!dup) {
          reps.add(i);
          unique[i] = true;
        }
      }
    });
    int uniqueStructures = 0;
    for (boolean u : unique) if (u) uniqueStructures++;
    Set<String> skeletons = new HashSet<>();
    for (int i : builtIdx) {
      String s = findings.get(i).skeleton;
      skeletons.add(s != null ? s : "#" + i);
    }

    // novelty against the training set
    int trainSize = -1, novelStructures = -1, novelSkeletons = -1, novelUniqueValid = -1;
    if (train != null) {
      List<Entry> tb = train.stream().filter(Entry::built).toList();
      trainSize = tb.size();
      Map<String, List<Integer>> trainByFormula = new HashMap<>();
      Set<String> trainSkeletons = new HashSet<>();
      for (int i = 0; i < tb.size(); i++) {
        trainByFormula.computeIfAbsent(tb.get(i).cell().reducedFormula(), k -> new ArrayList<>()).add(i);
        String s = tb.get(i).crystal() != null ? skeleton(tb.get(i)) : null;
        if (s != null) trainSkeletons.add(s);
      }
      Map<Integer, StructureMatcher.Prepared> trainPrepared = new ConcurrentHashMap<>();
      boolean[] novel = new boolean[findings.size()];
      builtIdx.parallelStream().forEach(i -> {
        List<Integer> bucket = trainByFormula.getOrDefault(findings.get(i).entry.cell().reducedFormula(), List.of());
        StructureMatcher.Prepared pi = prepared.get(i);
        boolean seen = false;
        for (int t : bucket) {
          StructureMatcher.Prepared pt = trainPrepared.computeIfAbsent(t, k -> StructureMatcher.prepare(tb.get(k).cell()));
          if (matcher.fit(pt, pi)) { seen = true; break; }
        }
        novel[i] = !seen;
      });
      novelStructures = 0;
      novelSkeletons = 0;
      novelUniqueValid = 0;
      for (int i : builtIdx) {
        if (novel[i]) novelStructures++;
        if (novel[i] && unique[i] && findings.get(i).valid()) novelUniqueValid++;
        String s = findings.get(i).skeleton;
        if (s == null || !trainSkeletons.contains(s)) novelSkeletons++;
      }
    }

    // distributions over the valid samples
    List<UnitCell> gc = new ArrayList<>();
    List<Integer> gg = new ArrayList<>();
    for (Finding f : findings)
      if (f.valid()) {
        gc.add(f.entry.cell());
        gg.add(f.group);
      }
    SetStats gen = SetStats.of(gc, gg);
    List<UnitCell> ac = new ArrayList<>();
    List<Integer> ag = new ArrayList<>();
    for (Finding f : findings)
      if (f.entry.built()) {
        ac.add(f.entry.cell());
        ag.add(f.group);
      }
    SetStats all = SetStats.of(ac, ag);
    SetStats ref = null;
    double dW = Double.NaN, eW = Double.NaN, tv = Double.NaN;
    if (reference != null) {
      List<UnitCell> rc = new ArrayList<>();
      List<Integer> rg = new ArrayList<>();
      for (Entry e : reference)
        if (e.built()) {
          rc.add(e.cell());
          rg.add(e.group());
        }
      ref = SetStats.of(rc, rg);
      dW = Distances.wasserstein1(gen.density(), ref.density());
      eW = Distances.wasserstein1(gen.elements(), ref.elements());
      tv = Distances.totalVariation(gen.groups(), ref.groups());
    }
    return new Result(findings, samples.size(), built, structural, compositional, valid, p1Found, asked, p1Asked, recovered, failed,
        uniqueStructures, skeletons.size(), trainSize, novelStructures, novelSkeletons, novelUniqueValid, gen, all, ref, dW, eW, tv, null,
        options.states());
  }

  /** The per-sample tests: validity, the finder's group, the skeleton. */
  static Finding find(Entry e, Options options) {
    if (!e.built()) return new Finding(e, false, false, e.group(), 0, null);
    UnitCell cell = e.cell();
    boolean s = Validity.structural(cell);
    boolean c = Validity.compositional(cell.composition(), options.states());
    int found = 0;
    StandardStructure st = null;
    try {
      st = SymmetryFinder.standardize(Structure.of(cell), options.symprec());
      found = st.group();
    } catch (SymmetryFinder.SymmetryException | RuntimeException ex) {
      // overlapping atoms or a degenerate cell: no group found (counted in finderFailed)
    }
    String skel = e.crystal() != null ? skeleton(e) : st != null ? skeleton(st) : null;
    return new Finding(e, s, c, e.group() > 0 ? e.group() : found, found, skel);
  }

  /**
   * The exact skeleton of a sentence: group, then the (letter, element) pairs sorted —
   * {@code 225|a:Na|b:Cl}.
   */
  public static String skeleton(Entry e) {
    List<String> parts = new ArrayList<>();
    for (Site s : e.crystal().sites()) parts.add(s.letter() + ":" + s.element().symbol());
    parts.sort(Comparator.naturalOrder());
    return e.crystal().group().number() + "|" + String.join("|", parts);
  }

  /** The exact skeleton of a standardized structure, same form as {@link #skeleton(Entry)}. */
  public static String skeleton(StandardStructure st) {
    List<String> parts = new ArrayList<>();
    for (StandardStructure.Site s : st.sites()) parts.add(s.letter() + ":" + s.element());
    parts.sort(Comparator.naturalOrder());
    return st.group() + "|" + String.join("|", parts);
  }
}
