package xtal.grammar.ast;

import java.util.List;
import java.util.Optional;
import xtal.grammar.Span;
import xtal.grammar.ast.Template.ElementExact;
import xtal.grammar.ast.Template.ElementSlot;

/**
 * A {@code .xtal} query file: imports, {@code let} definitions and named queries, in the order
 * written. Syntax only: the compiler gives the statements their meaning, the stdlib resolves
 * names. Comments are not kept.
 */
public record XtalFile(List<Item> items, Span span) {

  public XtalFile {
    items = List.copyOf(items);
  }

  /** The queries of the file, in order. */
  public List<Query> queries() {
    return items.stream().filter(Query.class::isInstance).map(Query.class::cast).toList();
  }

  /** A top-level item. */
  public sealed interface Item permits Import, Let, Query {
    Span span();
  }

  /** {@code import prototype perovskite, spinel}: named templates from the stdlib library. */
  public record Import(List<String> prototypes, Span span) implements Item {
    public Import {
      prototypes = List.copyOf(prototypes);
    }
  }

  /** {@code let rare-earth = [lanthanide | Y | Sc]}: a named element set, used as {@code [rare-earth]}. */
  public record Let(String name, Template.ElementSet elements, Span span) implements Item {}

  /** {@code query name { statements }}. */
  public record Query(String name, List<Statement> statements, Span span) implements Item {
    public Query {
      statements = List.copyOf(statements);
    }
  }

  // ------------------------------------------------------------------ statements

  /** One statement of a query. */
  public sealed interface Statement
      permits StructureStatement,
          FormulaStatement,
          Contains,
          Only,
          Exclude,
          Count,
          DistinctElements,
          ChargeBalanced,
          SmactValid,
          Atoms,
          Sites,
          Sample {
    Span span();
  }

  /** {@code structure TEMPLATE} or {@code structure prototype(A = [alkali], B = Ti)}. */
  public record StructureStatement(Structure structure, Span span) implements Statement {}

  /** What a structure statement names. */
  public sealed interface Structure permits TemplateStructure, PrototypeStructure {
    Span span();
  }

  /** A template written out. */
  public record TemplateStructure(Template template) implements Structure {
    @Override
    public Span span() {
      return template.span();
    }
  }

  /** A prototype from the stdlib with some of its {@code $}-names bound. */
  public record PrototypeStructure(String name, List<Argument> arguments, Span span)
      implements Structure {
    public PrototypeStructure {
      arguments = List.copyOf(arguments);
    }
  }

  /** {@code A = [alkaline-earth]}: binds the prototype's {@code $A}. */
  public record Argument(String name, ElementSlot value, Span span) {}

  /** {@code formula A2BB'O6}: an element ratio. */
  public record FormulaStatement(Formula formula, Span span) implements Statement {}

  /**
   * A chemical formula as a list of terms. Names that are {@code $}-bindings of the structure are
   * placeholders for distinct elements; the compiler decides which names are which.
   */
  public record Formula(List<FormulaTerm> terms, Span span) {
    public Formula {
      terms = List.copyOf(terms);
    }
  }

  /** A term of a formula. */
  public sealed interface FormulaTerm permits Species, FormulaGroup {
    Span span();

    Optional<Numeral> count();
  }

  /**
   * {@code Ba2}, {@code B'}: a symbol (an uppercase letter and an optional lowercase one), primes
   * kept in the name, and a count (1 when absent).
   */
  public record Species(String name, Optional<Numeral> count, Span span) implements FormulaTerm {}

  /** {@code (CN)6}. */
  public record FormulaGroup(List<FormulaTerm> terms, Optional<Numeral> count, Span span)
      implements FormulaTerm {
    public FormulaGroup {
      terms = List.copyOf(terms);
    }
  }

  /**
   * {@code contains O, H}: every listed item must occur; an item that is a set ({@code [La|Ce]})
   * needs one of its members. Items are {@link ElementExact} or {@link Template.ElementSet}.
   */
  public record Contains(List<ElementSlot> items, Span span) implements Statement {
    public Contains {
      items = List.copyOf(items);
    }
  }

  /** {@code only [alkali | transition-metal | O]}: no element outside the union of the items. */
  public record Only(List<ElementSlot> items, Span span) implements Statement {
    public Only {
      items = List.copyOf(items);
    }
  }

  /** {@code exclude Pb, Cd, Hg}: none of these. */
  public record Exclude(List<ElementSlot> items, Span span) implements Statement {
    public Exclude {
      items = List.copyOf(items);
    }
  }

  /** {@code count O = 6}: atoms of an element per conventional cell. */
  public record Count(ElementExact element, Comparison comparison, Span span) implements Statement {}

  /** {@code distinct-elements 3..4}. */
  public record DistinctElements(Comparison comparison, Span span) implements Statement {}

  /** {@code charge-balanced}: some assignment of common oxidation states sums to zero. */
  public record ChargeBalanced(Span span) implements Statement {}

  /**
   * {@code smact-valid}: the composition passes SMACT's compositional test as the literature
   * evaluates it (one oxidation state per element, SMACT's list, metals and Pauling test).
   */
  public record SmactValid(Span span) implements Statement {}

  /** {@code atoms <= 20 per primitive cell}; the cell is empty when not written. */
  public record Atoms(Comparison comparison, Optional<Cell> cell, Span span) implements Statement {}

  /** Which cell an atom count refers to. */
  public enum Cell {
    PRIMITIVE,
    CONVENTIONAL
  }

  /** {@code sites <= 6}: symmetry-distinct sites. */
  public record Sites(Comparison comparison, Span span) implements Statement {}

  /** {@code sample { count 100 temperature 0.8 … }}. */
  public record Sample(List<Setting> settings, Span span) implements Statement {
    public Sample {
      settings = List.copyOf(settings);
    }
  }

  /** A sampling setting. */
  public sealed interface Setting
      permits SampleCount, Temperature, TopP, Seed, Formats, Output {
    Span span();
  }

  /** {@code count 100}. */
  public record SampleCount(Numeral value, Span span) implements Setting {}

  /** {@code temperature 0.8}. */
  public record Temperature(Numeral value, Span span) implements Setting {}

  /** {@code top-p 0.95}. */
  public record TopP(Numeral value, Span span) implements Setting {}

  /** {@code seed 42}. */
  public record Seed(Numeral value, Span span) implements Setting {}

  /** {@code format cif, poscar, jsonl}. */
  public record Formats(List<String> formats, Span span) implements Setting {
    public Formats {
      formats = List.copyOf(formats);
    }
  }

  /** {@code output "out/lah10"}: the string without quotes, escapes resolved. */
  public record Output(String directory, Span span) implements Setting {}

  // ------------------------------------------------------------------ comparisons

  /** How a number is compared: {@code = 6}, {@code <= 20}, {@code 3..4}. */
  public enum Relation {
    EQ("="),
    LE("<="),
    GE(">="),
    LT("<"),
    GT(">"),
    RANGE("..");

    public final String symbol;

    Relation(String symbol) {
      this.symbol = symbol;
    }
  }

  /**
   * A comparison with a number; {@code upper} is present for {@link Relation#RANGE} only (both
   * ends included). A bare number means {@code =}.
   */
  public record Comparison(Relation relation, Numeral value, Optional<Numeral> upper, Span span) {
    public Comparison {
      if ((relation == Relation.RANGE) != upper.isPresent()) {
        throw new IllegalArgumentException("a range has an upper bound, nothing else does");
      }
    }
  }
}
