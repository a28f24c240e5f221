package xtal.grammar.ast;

import java.util.List;
import xtal.grammar.Span;

/**
 * A concrete crystal sentence, e.g. {@code 225-a-La-0-0-0-c-H-1/4-1/4-1/4-X-5.1-5.1-5.1-90-90-90}:
 * the space group, the symmetry-distinct sites in the order written, and the lattice numbers.
 *
 * <p>Syntax only. Whether the sentence is in the full form (every coordinate and all six lattice
 * parameters) or the compact form (only what symmetry leaves free), and whether it obeys the
 * space-group rules, is decided by the stdlib, which knows the Wyckoff tables.
 */
public record Sentence(GroupToken group, List<SiteToken> sites, List<Numeral> lattice, Span span) {

  public Sentence {
    sites = List.copyOf(sites);
    lattice = List.copyOf(lattice);
  }

  /** The space-group number as written (1..230 is checked by the stdlib, not here). */
  public record GroupToken(int number, Span span) {}

  /** A Wyckoff letter: {@code a}..{@code z}, then {@code A} for the 27th position. */
  public record LetterToken(char letter, Span span) {}

  /** An element symbol as written ({@code La}, {@code O}); whether it exists is the stdlib's call. */
  public record ElementToken(String symbol, Span span) {}

  /** One symmetry-distinct site: Wyckoff letter, element and the coordinates written (0 to 3). */
  public record SiteToken(
      LetterToken letter, ElementToken element, List<Numeral> coordinates, Span span) {
    public SiteToken {
      coordinates = List.copyOf(coordinates);
    }
  }
}
