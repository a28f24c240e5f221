package xtal.grammar.ast;

import java.util.List;
import java.util.Optional;
import xtal.grammar.Span;

/**
 * A template query: a crystal sentence whose tokens may be left open. Every slot is a sealed
 * interface; every node keeps its span. A concrete sentence is a template whose slots are all
 * exact ({@link #toSentence()}).
 *
 * <pre>
 * 225-a-$A=[rare-earth]-0-0-0-(c-H-?-?-?)+-X-?      group, sites and site groups, X, lattice
 * </pre>
 *
 * @param group the space-group slot
 * @param sites sites and repeated groups of sites, in the order written
 * @param lattice the lattice slots after {@code X}; a single {@link AnyNumber} means the whole
 *     lattice is free ({@link #latticeFree()})
 */
public record Template(GroupSlot group, List<SitePattern> sites, List<NumberSlot> lattice, Span span) {

  public Template {
    sites = List.copyOf(sites);
    lattice = List.copyOf(lattice);
  }

  /** {@code X-?}: one wildcard after X leaves all lattice parameters free. */
  public boolean latticeFree() {
    return lattice.size() == 1 && lattice.getFirst() instanceof AnyNumber;
  }

  /** The concrete sentence this template spells, or empty when any slot is open. */
  public Optional<Sentence> toSentence() {
    return Optional.ofNullable(firstOpenSlot() == null ? concrete() : null);
  }

  /** The span of the first slot that is not exact (a wildcard, set, range, binding or group), or null. */
  public Span firstOpenSlot() {
    if (!(group instanceof GroupNumber)) return group.span();
    for (SitePattern p : sites) {
      if (!(p instanceof Site s)) return p.span();
      if (!(s.letter() instanceof LetterExact)) return s.letter().span();
      if (!(s.element() instanceof ElementExact)) return s.element().span();
      for (NumberSlot n : s.coordinates()) if (!(n instanceof ExactNumber)) return n.span();
    }
    for (NumberSlot n : lattice) if (!(n instanceof ExactNumber)) return n.span();
    return null;
  }

  private Sentence concrete() {
    GroupNumber g = (GroupNumber) group;
    List<Sentence.SiteToken> out =
        sites.stream()
            .map(p -> (Site) p)
            .map(
                s -> {
                  LetterExact l = (LetterExact) s.letter();
                  ElementExact e = (ElementExact) s.element();
                  return new Sentence.SiteToken(
                      new Sentence.LetterToken(l.letter(), l.span()),
                      new Sentence.ElementToken(e.symbol(), e.span()),
                      s.coordinates().stream().map(n -> ((ExactNumber) n).value()).toList(),
                      s.span());
                })
            .toList();
    return new Sentence(
        new Sentence.GroupToken(g.number(), g.span()),
        out,
        lattice.stream().map(n -> ((ExactNumber) n).value()).toList(),
        span);
  }

  /** The template that spells a concrete sentence exactly. */
  public static Template of(Sentence s) {
    return new Template(
        new GroupNumber(s.group().number(), s.group().span()),
        s.sites().stream()
            .<SitePattern>map(
                t ->
                    new Site(
                        new LetterExact(t.letter().letter(), t.letter().span()),
                        new ElementExact(t.element().symbol(), t.element().span()),
                        t.coordinates().stream().<NumberSlot>map(ExactNumber::new).toList(),
                        t.span()))
            .toList(),
        s.lattice().stream().<NumberSlot>map(ExactNumber::new).toList(),
        s.span());
  }

  // ------------------------------------------------------------------ group slot

  /** The space-group slot: a number, a set, a crystal system or any. */
  public sealed interface GroupSlot permits GroupNumber, GroupSet, CrystalSystem, AnyGroup {
    Span span();
  }

  /** {@code 225}. */
  public record GroupNumber(int number, Span span) implements GroupSlot {}

  /** {@code [221|225|229]}. */
  public record GroupSet(List<Integer> numbers, Span span) implements GroupSlot {
    public GroupSet {
      numbers = List.copyOf(numbers);
    }
  }

  /** {@code {cubic}}: any group of a crystal system; the name is checked by the stdlib. */
  public record CrystalSystem(String name, Span span) implements GroupSlot {}

  /** {@code ?}. */
  public record AnyGroup(Span span) implements GroupSlot {}

  // ------------------------------------------------------------------ sites

  /** A site or a repeated group of sites. */
  public sealed interface SitePattern permits Site, Repeat {
    Span span();
  }

  /** {@code letter-element(-coordinate){0,3}} with slots. */
  public record Site(LetterSlot letter, ElementSlot element, List<NumberSlot> coordinates, Span span)
      implements SitePattern {
    public Site {
      coordinates = List.copyOf(coordinates);
    }
  }

  /**
   * {@code (…)*}, {@code (…)+}, {@code (…)?}, {@code (…){n}}, {@code (…){n,m}}, {@code (…){n,}}, or a
   * plain group {@code (…)} (once).
   *
   * @param max the most repetitions, {@link #UNBOUNDED} for no limit
   */
  public record Repeat(List<SitePattern> body, int min, int max, Span span) implements SitePattern {
    public static final int UNBOUNDED = -1;

    public Repeat {
      body = List.copyOf(body);
    }
  }

  // ------------------------------------------------------------------ letters

  /** The Wyckoff-letter slot. */
  public sealed interface LetterSlot permits LetterExact, LetterSet, AnyLetter {
    Span span();
  }

  /** {@code a}..{@code z} or {@code A}. */
  public record LetterExact(char letter, Span span) implements LetterSlot {}

  /** {@code [a|b|c]}, or {@code [!a]} when negated. */
  public record LetterSet(List<Character> letters, boolean negated, Span span) implements LetterSlot {
    public LetterSet {
      letters = List.copyOf(letters);
    }
  }

  /** {@code ?}. */
  public record AnyLetter(Span span) implements LetterSlot {}

  // ------------------------------------------------------------------ elements

  /** The element slot. */
  public sealed interface ElementSlot
      permits ElementExact, ElementSet, AnyElement, Binding, Reference {
    Span span();
  }

  /** {@code La}: a symbol as written (existence is checked by the stdlib). */
  public record ElementExact(String symbol, Span span) implements ElementSlot {}

  /** {@code [La|Ce|lanthanide]}, or {@code [!O|F]} when negated. */
  public record ElementSet(List<ElementTerm> terms, boolean negated, Span span)
      implements ElementSlot {
    public ElementSet {
      terms = List.copyOf(terms);
    }
  }

  /** {@code ?} or {@code [?]}. */
  public record AnyElement(Span span) implements ElementSlot {}

  /**
   * The first occurrence of {@code $A}, optionally constrained ({@code $A=[Li|Na]}); it binds the
   * name to the element chosen here. An unconstrained binding has an {@link AnyElement}
   * constraint.
   */
  public record Binding(String name, ElementSlot constraint, Span span) implements ElementSlot {
    public Binding {
      if (constraint instanceof Binding || constraint instanceof Reference) {
        throw new IllegalArgumentException("a binding constrains with a symbol, set or ?");
      }
    }
  }

  /** A later {@code $A}: the same element as the binding of that name. */
  public record Reference(String name, Span span) implements ElementSlot {}

  /** A term inside an element set. */
  public sealed interface ElementTerm permits Symbol, Named {
    Span span();
  }

  /** An element symbol inside a set. */
  public record Symbol(String symbol, Span span) implements ElementTerm {}

  /** A class ({@code lanthanide}) or {@code let} name; resolved by the stdlib / compiler. */
  public record Named(String name, Span span) implements ElementTerm {}

  // ------------------------------------------------------------------ numbers

  /** A coordinate or lattice-parameter slot. */
  public sealed interface NumberSlot permits ExactNumber, NumberRange, AnyNumber {
    Span span();
  }

  /** A number as written. */
  public record ExactNumber(Numeral value) implements NumberSlot {
    @Override
    public Span span() {
      return value.span();
    }
  }

  /** {@code [0.1..0.3]}, both ends included. */
  public record NumberRange(Numeral low, Numeral high, Span span) implements NumberSlot {}

  /** {@code ?} or {@code [?]}. */
  public record AnyNumber(Span span) implements NumberSlot {}
}
