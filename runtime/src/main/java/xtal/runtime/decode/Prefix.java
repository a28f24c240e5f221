package xtal.runtime.decode;

import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Site;

/**
 * The part of a crystal's sequence to keep: its space group and its first {@code slots} slots. A
 * crystal's slots, in the model's order (see {@link xtal.model.Layout}), are per site its Wyckoff
 * letter, its element and the coordinates its position leaves free, then END, then the lattice
 * parameters its crystal system leaves free; the group is not a slot and is always kept.
 *
 * <p>A completion teacher-forces the kept slots through the model (stepping the query's
 * automaton along them) and samples the rest; a score forces all of them and reports the
 * log-probability of the slots after the prefix.
 *
 * @param crystal the crystal, its sites in sequence order
 * @param slots how many slots to keep, 0 .. {@link #length(Crystal)}
 */
public record Prefix(Crystal crystal, int slots) {

  public Prefix {
    if (slots < 0 || slots > length(crystal))
      throw new IllegalArgumentException("a prefix of " + slots + " slots of a crystal of " + length(crystal));
  }

  /** Number of slots of a crystal's sequence. */
  public static int length(Crystal c) {
    int n = 1 + c.group().latticeRule().freeCount();
    for (Site s : c.sites()) n += 2 + s.position().degreesOfFreedom();
    return n;
  }

  /** Keeps the group only: everything else is resampled. */
  public static Prefix group(Crystal c) {
    return new Prefix(c, 0);
  }

  /** Keeps the group and the first {@code k} sites: the later sites and the lattice are resampled. */
  public static Prefix sites(Crystal c, int k) {
    if (k < 0 || k > c.sites().size()) throw new IllegalArgumentException("no " + k + " sites in a crystal of " + c.sites().size());
    int n = 0;
    for (int i = 0; i < k; i++) n += 2 + c.sites().get(i).position().degreesOfFreedom();
    return new Prefix(c, n);
  }

  /** Keeps every site (and the END after them): only the lattice is resampled. */
  public static Prefix lattice(Crystal c) {
    return new Prefix(c, sites(c, c.sites().size()).slots() + 1);
  }

  /** Keeps everything: a completion returns the crystal itself, a score is of the whole sequence with nothing proposed. */
  public static Prefix whole(Crystal c) {
    return new Prefix(c, length(c));
  }
}
