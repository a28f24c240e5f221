package xtal.stdlib.symmetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares an imported structure with a reference sentence (the shared {@code *.sentences.csv},
 * made with spglib): same space group, same multiset of (Wyckoff letter, element), coordinates
 * within 1e-3 after matching sites (periodically), lattice parameters within 1e-3 relative.
 */
public final class ReferenceComparison {

  /** Why a structure disagrees; {@code AGREE} when it does not. */
  public enum Verdict {
    AGREE,
    GROUP,
    SITES,
    COORDINATES,
    LATTICE,
    FAILED
  }

  /** A parsed reference (or own) sentence in the full form. */
  public record Parsed(int group, List<Character> letters, List<String> elements, List<double[]> xyz, double[] lattice) {}

  private ReferenceComparison() {}

  /** Parses a full-form sentence {@code G-(w-El-x-y-z)*-X-a-b-c-α-β-γ}; fractions allowed. */
  public static Parsed parse(String sentence) {
    String[] t = sentence.trim().split("-");
    int group = Integer.parseInt(t[0]);
    List<Character> letters = new ArrayList<>();
    List<String> elements = new ArrayList<>();
    List<double[]> xyz = new ArrayList<>();
    int i = 1;
    while (!t[i].equals("X")) {
      letters.add(t[i].charAt(0));
      elements.add(t[i + 1]);
      xyz.add(new double[] {value(t[i + 2]), value(t[i + 3]), value(t[i + 4])});
      i += 5;
    }
    double[] lat = new double[6];
    for (int k = 0; k < 6; k++) lat[k] = value(t[i + 1 + k]);
    return new Parsed(group, letters, elements, xyz, lat);
  }

  private static double value(String s) {
    int slash = s.indexOf('/');
    return slash < 0 ? Double.parseDouble(s) : Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
  }

  /** The verdict for one structure: the first criterion that fails, in the order of the enum. */
  public static Verdict compare(StandardStructure mine, String reference) {
    Parsed ref = parse(reference);
    Parsed own = parse(mine.sentence());
    if (ref.group != own.group) return Verdict.GROUP;
    List<String> a = new ArrayList<>(), b = new ArrayList<>();
    for (int i = 0; i < ref.letters.size(); i++) a.add(ref.letters.get(i) + ref.elements.get(i));
    for (int i = 0; i < own.letters.size(); i++) b.add(own.letters.get(i) + own.elements.get(i));
    a.sort(null);
    b.sort(null);
    if (!a.equals(b)) return Verdict.SITES;
    boolean[] used = new boolean[own.letters.size()];
    for (int i = 0; i < ref.letters.size(); i++) {
      boolean found = false;
      for (int j = 0; j < own.letters.size() && !found; j++) {
        if (used[j] || own.letters.get(j) != ref.letters.get(i).charValue() || !own.elements.get(j).equals(ref.elements.get(i))) continue;
        double worst = 0;
        for (int k = 0; k < 3; k++) {
          double d = own.xyz.get(j)[k] - ref.xyz.get(i)[k];
          worst = Math.max(worst, Math.abs(d - Math.rint(d)));
        }
        if (worst <= 1e-3 + 1e-9) {
          used[j] = true;
          found = true;
        }
      }
      if (!found) return Verdict.COORDINATES;
    }
    for (int k = 0; k < 6; k++)
      if (Math.abs(own.lattice[k] - ref.lattice[k]) > 1e-3 * Math.abs(ref.lattice[k]) + 1e-9) return Verdict.LATTICE;
    return Verdict.AGREE;
  }
}
