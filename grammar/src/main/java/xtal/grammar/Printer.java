package xtal.grammar;

import java.util.List;
import java.util.stream.Collectors;
import xtal.grammar.ast.Numeral;
import xtal.grammar.ast.Sentence;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.Template.*;
import xtal.grammar.ast.XtalFile;
import xtal.grammar.ast.XtalFile.*;

/**
 * Writes the canonical text of sentences, templates and {@code .xtal} files: tokens joined by
 * {@code -} without spaces, numbers exactly as written, sets as {@code [a|b]}, repetitions in
 * their shortest form ({@code *}, {@code +}, {@code ?}, {@code {n}}, {@code {n,m}}, {@code {n,}}),
 * one statement per line in files, four spaces of indentation. For every AST {@code a} the parser
 * accepts, {@code parse(print(a)).equals(a)}; a sentence prints back to the text it was read from
 * when that text had no spaces.
 */
public final class Printer {

  private Printer() {}

  /** {@code 225-a-La-0-0-0-X-5.1-5.1-5.1-90-90-90}. */
  public static String print(Sentence s) {
    StringBuilder b = new StringBuilder().append(s.group().number());
    for (Sentence.SiteToken site : s.sites()) {
      b.append('-').append(site.letter().letter()).append('-').append(site.element().symbol());
      for (Numeral n : site.coordinates()) b.append('-').append(n.text());
    }
    b.append("-X");
    for (Numeral n : s.lattice()) b.append('-').append(n.text());
    return b.toString();
  }

  /** A template in canonical form. */
  public static String print(Template t) {
    StringBuilder b = new StringBuilder(group(t.group()));
    for (SitePattern p : t.sites()) b.append('-').append(pattern(p));
    b.append("-X");
    for (NumberSlot n : t.lattice()) b.append('-').append(number(n));
    return b.toString();
  }

  private static String group(GroupSlot g) {
    return switch (g) {
      case GroupNumber n -> Integer.toString(n.number());
      case GroupSet s -> s.numbers().stream().map(String::valueOf).collect(Collectors.joining("|", "[", "]"));
      case CrystalSystem c -> "{" + c.name() + "}";
      case AnyGroup a -> "?";
    };
  }

  private static String pattern(SitePattern p) {
    return switch (p) {
      case Site s -> {
        StringBuilder b = new StringBuilder(letter(s.letter())).append('-').append(element(s.element()));
        for (NumberSlot n : s.coordinates()) b.append('-').append(number(n));
        yield b.toString();
      }
      case Repeat r ->
          r.body().stream().map(Printer::pattern).collect(Collectors.joining("-", "(", ")"))
              + repeat(r.min(), r.max());
    };
  }

  private static String repeat(int min, int max) {
    if (min == 1 && max == 1) return "";
    if (min == 0 && max == Repeat.UNBOUNDED) return "*";
    if (min == 1 && max == Repeat.UNBOUNDED) return "+";
    if (min == 0 && max == 1) return "?";
    if (max == Repeat.UNBOUNDED) return "{" + min + ",}";
    if (min == max) return "{" + min + "}";
    return "{" + min + "," + max + "}";
  }

  private static String letter(LetterSlot l) {
    return switch (l) {
      case LetterExact e -> String.valueOf(e.letter());
      case LetterSet s ->
          s.letters().stream().map(String::valueOf).collect(Collectors.joining("|", s.negated() ? "[!" : "[", "]"));
      case AnyLetter a -> "?";
    };
  }

  /** An element slot: {@code La}, {@code [La|lanthanide]}, {@code [!O]}, {@code ?}, {@code $A=[Li|Na]}, {@code $A}. */
  public static String element(ElementSlot e) {
    return switch (e) {
      case ElementExact x -> x.symbol();
      case ElementSet s ->
          s.terms().stream()
              .map(t -> switch (t) {
                case Symbol y -> y.symbol();
                case Named n -> n.name();
              })
              .collect(Collectors.joining("|", s.negated() ? "[!" : "[", "]"));
      case AnyElement a -> "?";
      case Binding b -> b.constraint() instanceof AnyElement ? "$" + b.name() : "$" + b.name() + "=" + element(b.constraint());
      case Reference r -> "$" + r.name();
    };
  }

  private static String number(NumberSlot n) {
    return switch (n) {
      case ExactNumber x -> x.value().text();
      case NumberRange r -> "[" + r.low().text() + ".." + r.high().text() + "]";
      case AnyNumber a -> "?";
    };
  }

  // ------------------------------------------------------------------ files

  private static final String INDENT = "    ";

  /** A {@code .xtal} file in canonical form (comments are not kept by the parser). */
  public static String print(XtalFile f) {
    StringBuilder b = new StringBuilder();
    Item previous = null;
    for (Item item : f.items()) {
      if (previous != null && (item instanceof Query || previous instanceof Query || previous.getClass() != item.getClass())) {
        b.append('\n');
      }
      switch (item) {
        case Import i -> b.append("import prototype ").append(String.join(", ", i.prototypes())).append('\n');
        case Let l -> b.append("let ").append(l.name()).append(" = ").append(element(l.elements())).append('\n');
        case Query q -> {
          b.append("query ").append(q.name()).append(" {\n");
          for (Statement s : q.statements()) statement(b, s);
          b.append("}\n");
        }
      }
      previous = item;
    }
    return b.toString();
  }

  private static void statement(StringBuilder b, Statement s) {
    b.append(INDENT);
    switch (s) {
      case StructureStatement st -> b.append("structure ").append(structure(st.structure()));
      case FormulaStatement fs -> b.append("formula ").append(formula(fs.formula().terms()));
      case Contains c -> b.append("contains ").append(items(c.items()));
      case Only o -> b.append("only ").append(items(o.items()));
      case Exclude e -> b.append("exclude ").append(items(e.items()));
      case Count c -> b.append("count ").append(c.element().symbol()).append(' ').append(comparison(c.comparison()));
      case DistinctElements d -> b.append("distinct-elements ").append(comparison(d.comparison()));
      case ChargeBalanced c -> b.append("charge-balanced");
      case SmactValid c -> b.append("smact-valid");
      case Atoms a -> {
        b.append("atoms ").append(comparison(a.comparison()));
        a.cell().ifPresent(c -> b.append(" per ").append(c == Cell.PRIMITIVE ? "primitive" : "conventional").append(" cell"));
      }
      case Sites st -> b.append("sites ").append(comparison(st.comparison()));
      case Sample sm -> {
        b.append("sample {\n");
        for (Setting set : sm.settings()) b.append(INDENT).append(INDENT).append(setting(set)).append('\n');
        b.append(INDENT).append('}');
      }
    }
    b.append('\n');
  }

  private static String structure(Structure s) {
    return switch (s) {
      case TemplateStructure t -> print(t.template());
      case PrototypeStructure p ->
          p.arguments().isEmpty()
              ? p.name()
              : p.name() + p.arguments().stream()
                  .map(a -> a.name() + " = " + element(a.value()))
                  .collect(Collectors.joining(", ", "(", ")"));
    };
  }

  private static String formula(List<FormulaTerm> terms) {
    StringBuilder b = new StringBuilder();
    for (FormulaTerm t : terms) {
      switch (t) {
        case Species s -> b.append(s.name());
        case FormulaGroup g -> b.append('(').append(formula(g.terms())).append(')');
      }
      t.count().ifPresent(n -> b.append(n.text()));
    }
    return b.toString();
  }

  private static String items(List<ElementSlot> items) {
    return items.stream().map(Printer::element).collect(Collectors.joining(", "));
  }

  private static String comparison(Comparison c) {
    return c.relation() == Relation.RANGE
        ? c.value().text() + ".." + c.upper().orElseThrow().text()
        : c.relation().symbol + " " + c.value().text();
  }

  private static String setting(Setting s) {
    return switch (s) {
      case SampleCount c -> "count " + c.value().text();
      case Temperature t -> "temperature " + t.value().text();
      case TopP p -> "top-p " + p.value().text();
      case Seed sd -> "seed " + sd.value().text();
      case Formats f -> "format " + String.join(", ", f.formats());
      case Output o -> "output " + quote(o.directory());
    };
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(ch);
      }
    }
    return b.append('"').toString();
  }
}
