package xtal.grammar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import xtal.grammar.antlr.XtalParser.*;
import xtal.grammar.ast.Numeral;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.Template.*;
import xtal.grammar.ast.XtalFile;
import xtal.grammar.ast.XtalFile.*;

/**
 * Builds the immutable AST from ANTLR's parse tree, one method per rule, dispatching on the
 * labelled alternatives. Checks what the grammar cannot say: fractions with a zero denominator,
 * whole numbers where a count is needed, repeated bindings, repeated queries or statements,
 * unknown statement keywords (with a suggestion), the inside of formulas. Problems become
 * diagnostics; building goes on with a placeholder so that one run reports them all.
 */
final class AstBuilder {

  private final String source;
  private final List<Diagnostic> diagnostics;
  /** $-names bound so far in the current template: first occurrence binds, later ones refer. */
  private Map<String, Span> bound = new HashMap<>();

  AstBuilder(String source, List<Diagnostic> diagnostics) {
    this.source = source;
    this.diagnostics = diagnostics;
  }

  private void error(Span at, String message) {
    // The same cap as for syntax errors: a file of 50,000 copies of one query says it 50 times.
    if (diagnostics.size() > SyntaxErrors.MAX_ERRORS) return;
    if (diagnostics.size() == SyntaxErrors.MAX_ERRORS) {
      diagnostics.add(Diagnostic.error(source, at, "too many errors; not reporting more"));
      return;
    }
    diagnostics.add(Diagnostic.error(source, at, message));
  }

  // ------------------------------------------------------------------ spans

  static Span span(Token t) {
    return new Span(
        t.getLine(),
        t.getCharPositionInLine() + 1,
        t.getStartIndex(),
        Math.max(0, t.getStopIndex() - t.getStartIndex() + 1));
  }

  static Span span(ParserRuleContext c) {
    Token a = c.getStart(), b = c.getStop();
    if (b == null || b.getStopIndex() < a.getStartIndex()) b = a;
    return new Span(
        a.getLine(),
        a.getCharPositionInLine() + 1,
        a.getStartIndex(),
        Math.max(0, b.getStopIndex() - a.getStartIndex() + 1));
  }

  // ------------------------------------------------------------------ templates

  Template template(TemplateContext c) {
    bound = new HashMap<>();
    GroupSlot group = group(c.groupSlot());
    List<SitePattern> sites = c.sitePattern().stream().map(this::sitePattern).toList();
    List<NumberSlot> lattice = c.numberSlot().stream().map(this::numberSlot).toList();
    return new Template(group, sites, lattice, span(c));
  }

  private GroupSlot group(GroupSlotContext c) {
    return switch (c) {
      case GroupNumberContext n -> new GroupNumber(wholeNumber(n.DECIMAL().getSymbol(), "a space-group number"), span(c));
      case GroupAnyContext a -> new AnyGroup(span(c));
      case GroupSetContext s ->
          new GroupSet(
              s.DECIMAL().stream().map(d -> wholeNumber(d.getSymbol(), "a space-group number")).toList(),
              span(c));
      case GroupSystemContext s -> new CrystalSystem(name(s.name()), span(c));
      default -> throw new IllegalStateException(c.getClass().getName());
    };
  }

  private SitePattern sitePattern(SitePatternContext c) {
    return switch (c) {
      case SingleSiteContext s -> site(s.site());
      case SiteGroupContext g -> {
        List<SitePattern> body = g.sitePattern().stream().map(this::sitePattern).toList();
        int min = 1, max = 1;
        switch (g.repeat()) {
          case null -> {}
          case RepeatStarContext r -> { min = 0; max = Repeat.UNBOUNDED; }
          case RepeatPlusContext r -> max = Repeat.UNBOUNDED;
          case RepeatOptionalContext r -> min = 0;
          case RepeatExactlyContext r -> min = max = wholeNumber(r.DECIMAL().getSymbol(), "a repetition count");
          case RepeatBetweenContext r -> {
            min = wholeNumber(r.DECIMAL(0).getSymbol(), "a repetition count");
            max = r.DECIMAL().size() > 1 ? wholeNumber(r.DECIMAL(1).getSymbol(), "a repetition count") : Repeat.UNBOUNDED;
            if (max != Repeat.UNBOUNDED && max < min) {
              error(span(r), "the repetition {" + min + "," + max + "} has its bounds the wrong way round");
            }
          }
          default -> throw new IllegalStateException(g.repeat().getClass().getName());
        }
        yield new Repeat(body, min, max, span(c));
      }
      default -> throw new IllegalStateException(c.getClass().getName());
    };
  }

  private Site site(SiteContext c) {
    LetterSlot letter = letterSlot(c.letterSlot());
    ElementSlot element = elementSlot(c.elementSlot());
    List<NumberSlot> coordinates = c.numberSlot().stream().map(this::numberSlot).toList();
    return new Site(letter, element, coordinates, span(c));
  }

  private LetterSlot letterSlot(LetterSlotContext c) {
    return switch (c) {
      case LetterExactContext e -> new LetterExact(e.letter().getText().charAt(0), span(c));
      case LetterAnyContext a -> new AnyLetter(span(c));
      case LetterSetContext s ->
          new LetterSet(s.letter().stream().map(l -> l.getText().charAt(0)).toList(), s.BANG() != null, span(c));
      default -> throw new IllegalStateException(c.getClass().getName());
    };
  }

  private ElementSlot elementSlot(ElementSlotContext c) {
    return switch (c) {
      case ElementExactContext e -> new ElementExact(e.element().getText(), span(c));
      case ElementSetSlotContext s -> elementSet(s.elementChoice());
      case ElementAnyContext a -> new AnyElement(span(c));
      case ElementBindingContext b -> {
        String name = b.bindName().getText();
        Span at = span(c);
        Span before = bound.get(name);
        if (b.elementConstraint() == null) {
          if (before != null) yield new Reference(name, at);
          bound.put(name, at);
          yield new Binding(name, new AnyElement(at), at);
        }
        if (before != null) {
          error(at, "$" + name + " is already bound at " + before + "; write $" + name + " alone to refer to it");
        }
        bound.put(name, at);
        yield new Binding(name, constraint(b.elementConstraint()), at);
      }
      default -> throw new IllegalStateException(c.getClass().getName());
    };
  }

  private ElementSlot constraint(ElementConstraintContext c) {
    return switch (c) {
      case ConstraintExactContext e -> new ElementExact(e.element().getText(), span(c));
      case ConstraintSetContext s -> elementSet(s.elementChoice());
      case ConstraintAnyContext a -> new AnyElement(span(c));
      default -> throw new IllegalStateException(c.getClass().getName());
    };
  }

  private ElementSet elementSet(ElementChoiceContext c) {
    List<ElementTerm> terms =
        c.elementTerm().stream()
            .<ElementTerm>map(
                t ->
                    switch (t) {
                      case TermElementContext e -> new Symbol(e.element().getText(), span(t));
                      case TermNameContext n -> new Named(name(n.name()), span(t));
                      default -> throw new IllegalStateException(t.getClass().getName());
                    })
            .toList();
    return new ElementSet(terms, c.BANG() != null, span(c));
  }

  private NumberSlot numberSlot(NumberSlotContext c) {
    return switch (c) {
      case NumberExactContext e -> new ExactNumber(numeral(e.number()));
      case NumberAnyContext a -> new AnyNumber(span(c));
      case NumberRangeContext r -> {
        int errors = diagnostics.size();
        Numeral lo = numeral(r.number(0)), hi = numeral(r.number(1));
        if (diagnostics.size() == errors && lo.value() > hi.value()) {
          error(span(r), "the range [" + lo + ".." + hi + "] is empty: its low end is above its high end");
        }
        yield new NumberRange(lo, hi, span(c));
      }
      default -> throw new IllegalStateException(c.getClass().getName());
    };
  }

  private Numeral numeral(NumberContext c) {
    Token t = c.getStart();
    String text = t.getText();
    int slash = text.indexOf('/');
    if (slash >= 0 && text.substring(slash + 1).chars().allMatch(ch -> ch == '0')) {
      error(span(t), "the fraction " + text + " divides by zero");
      return new Numeral("0", span(t)); // a stand-in so that building goes on
    }
    if (!withinDigits(text)) {
      error(span(t), "the number " + SyntaxErrors.echo(text) + " has more than " + MAX_DIGITS + " digits");
      return new Numeral("0", span(t));
    }
    return new Numeral(text, span(t));
  }

  /** The most digits a number may have (each side of a fraction's '/'): its exact value then fits a {@code long}. */
  static final int MAX_DIGITS = 18;

  private static boolean withinDigits(String text) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '/') run = 0;
      else if (ch >= '0' && ch <= '9' && ++run > MAX_DIGITS) return false;
    }
    return true;
  }

  /** A DECIMAL token that must be a whole number that fits an int. */
  private int wholeNumber(Token t, String what) {
    String text = t.getText();
    if (text.indexOf('.') >= 0) {
      error(span(t), what + " is a whole number, found " + SyntaxErrors.echo(text));
      return 0;
    }
    String digits = text.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 9) {
      error(span(t), what + " is too large: " + SyntaxErrors.echo(text));
      return 0;
    }
    return Integer.parseInt(digits);
  }

  private static String name(NameContext c) {
    if (c.word().size() == 1) return c.word(0).getText();
    // Written without spaces: transition-metal. Spaces around '-' are tolerated, not kept.
    return String.join("-", c.word().stream().map(ParserRuleContext::getText).toList());
  }

  // ------------------------------------------------------------------ files

  XtalFile file(XtalFileContext c) {
    List<Item> items = new ArrayList<>();
    Map<String, Span> queries = new HashMap<>(), lets = new HashMap<>();
    for (ItemContext i : c.item()) {
      switch (i) {
        case ImportItemContext imp -> items.add(new Import(imp.name().stream().map(AstBuilder::name).toList(), span(i)));
        case LetItemContext let -> {
          String name = name(let.name());
          Span before = lets.putIfAbsent(name, span(let.name()));
          if (before != null) error(span(let.name()), "'" + name + "' is already defined at " + before);
          items.add(new Let(name, elementSet(let.elementChoice()), span(i)));
        }
        case QueryItemContext q -> {
          String name = name(q.name());
          Span before = queries.putIfAbsent(name, span(q.name()));
          if (before != null) error(span(q.name()), "a query named '" + name + "' is already defined at " + before);
          items.add(query(name, q));
        }
        default -> throw new IllegalStateException(i.getClass().getName());
      }
    }
    return new XtalFile(items, span(c));
  }

  /** Statements that may appear once per query. */
  private static final List<Class<?>> ONCE =
      List.of(StructureStatement.class, FormulaStatement.class, Only.class, DistinctElements.class,
          ChargeBalanced.class, SmactValid.class, Atoms.class, Sites.class, Sample.class);

  static final List<String> STATEMENTS =
      List.of("structure", "formula", "contains", "only", "exclude", "count", "distinct-elements",
          "charge-balanced", "smact-valid", "atoms", "sites", "sample");

  static final List<String> SETTINGS = List.of("count", "temperature", "top-p", "seed", "format", "output");

  private Query query(String name, QueryItemContext q) {
    List<Statement> statements = new ArrayList<>();
    Map<Object, Span> seen = new HashMap<>();
    for (StatementContext s : q.statement()) {
      Statement st = statement(s);
      if (st == null) continue;
      Object key = st instanceof Count count ? "count " + count.element().symbol() : st.getClass();
      if (ONCE.contains(st.getClass()) || st instanceof Count) {
        Span before = seen.putIfAbsent(key, st.span());
        if (before != null) {
          String word = s.getStart().getText() + (st instanceof Count count ? " " + count.element().symbol() : "");
          error(span(s.getStart()), "'" + word + "' may appear once per query; it is already at " + before);
        }
      }
      statements.add(st);
    }
    return new Query(name, statements, span(q));
  }

  private Statement statement(StatementContext c) {
    Span at = span(c);
    return switch (c) {
      case StructureStatementContext s -> new StructureStatement(structure(s.structure()), at);
      case FormulaStatementContext f -> new FormulaStatement(formula(f), at);
      case ContainsStatementContext s -> new Contains(elementList(s.elementList()), at);
      case OnlyStatementContext s -> new Only(elementList(s.elementList()), at);
      case ExcludeStatementContext s -> new Exclude(elementList(s.elementList()), at);
      case CountStatementContext s ->
          new Count(new ElementExact(s.element().getText(), span(s.element())), comparison(s.comparison()), at);
      case DistinctStatementContext s -> new DistinctElements(comparison(s.comparison()), at);
      case ChargeStatementContext s -> new ChargeBalanced(at);
      case SmactStatementContext s -> new SmactValid(at);
      case AtomsStatementContext s ->
          new Atoms(
              comparison(s.comparison()),
              s.cellKind() == null
                  ? Optional.empty()
                  : Optional.of(s.cellKind().PRIMITIVE() != null ? Cell.PRIMITIVE : Cell.CONVENTIONAL),
              at);
      case SitesStatementContext s -> new Sites(comparison(s.comparison()), at);
      case SampleStatementContext s -> sample(s, at);
      case UnknownStatementContext u -> {
        String word = u.getStart().getText() + u.word().stream().map(w -> "-" + w.getText()).reduce("", String::concat);
        error(span(u.getStart()), unknown("statement", word, STATEMENTS));
        yield null;
      }
      default -> throw new IllegalStateException(c.getClass().getName());
    };
  }

  /** "unknown statement 'formual'; did you mean 'formula'?" or the list of known words. */
  static String unknown(String what, String word, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(word.toLowerCase(), k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    String echo = SyntaxErrors.echo(word);
    if (best != null && bestDistance <= Math.max(1, best.length() / 3)) {
      return "unknown " + what + " " + echo + "; did you mean '" + best + "'?";
    }
    return "unknown " + what + " " + echo + "; expected one of " + String.join(", ", known);
  }

  /** Levenshtein distance; the words are short. */
  private static int distance(String a, String b) {
    if (a.length() > 64) return Integer.MAX_VALUE;
    int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private Structure structure(StructureContext c) {
    return switch (c) {
      case StructureTemplateContext t -> new TemplateStructure(template(t.template()));
      case StructurePrototypeContext p -> {
        Map<String, Span> names = new HashMap<>();
        List<Argument> args = new ArrayList<>();
        for (ArgumentContext a : p.argument()) {
          String n = a.bindName().getText();
          Span before = names.putIfAbsent(n, span(a));
          if (before != null) error(span(a), n + " is already given at " + before);
          args.add(new Argument(n, constraint(a.elementConstraint()), span(a)));
        }
        yield new PrototypeStructure(name(p.name()), args, span(c));
      }
      default -> throw new IllegalStateException(c.getClass().getName());
    };
  }

  private List<ElementSlot> elementList(ElementListContext c) {
    return c.elementListItem().stream()
        .<ElementSlot>map(
            i ->
                switch (i) {
                  case ListElementContext e -> new ElementExact(e.element().getText(), span(i));
                  case ListChoiceContext s -> elementSet(s.elementChoice());
                  case ListNameContext n ->
                      new ElementSet(List.of(new Named(name(n.name()), span(i))), false, span(i));
                  default -> throw new IllegalStateException(i.getClass().getName());
                })
        .toList();
  }

  private Comparison comparison(ComparisonContext c) {
    return switch (c) {
      case CompareToContext t -> {
        Relation r = Relation.EQ;
        if (t.LE() != null) r = Relation.LE;
        else if (t.GE() != null) r = Relation.GE;
        else if (t.LT() != null) r = Relation.LT;
        else if (t.GT() != null) r = Relation.GT;
        yield new Comparison(r, numeral(t.number()), Optional.empty(), span(c));
      }
      case CompareRangeContext r -> {
        int errors = diagnostics.size();
        Numeral lo = numeral(r.number(0)), hi = numeral(r.number(1));
        if (diagnostics.size() == errors && lo.value() > hi.value()) error(span(r), "the range " + lo + ".." + hi + " is empty: its low end is above its high end");
        yield new Comparison(Relation.RANGE, lo, Optional.of(hi), span(c));
      }
      default -> throw new IllegalStateException(c.getClass().getName());
    };
  }

  private Sample sample(SampleStatementContext c, Span at) {
    List<Setting> settings = new ArrayList<>();
    Map<Class<?>, Span> seen = new HashMap<>();
    for (SampleSettingContext s : c.sampleSetting()) {
      Span sp = span(s);
      Setting setting =
          switch (s) {
            case SampleCountContext n -> new SampleCount(whole(n.DECIMAL().getSymbol(), "a sample count"), sp);
            case SampleTemperatureContext t -> new Temperature(numeral(t.number()), sp);
            case SampleTopPContext t -> new TopP(numeral(t.number()), sp);
            case SampleSeedContext n -> new Seed(whole(n.DECIMAL().getSymbol(), "a seed"), sp);
            case SampleFormatContext f -> new Formats(f.word().stream().map(ParserRuleContext::getText).toList(), sp);
            case SampleOutputContext o -> new Output(unquote(o.STRING().getText()), sp);
            case SampleUnknownContext u -> {
              String word = u.IDENT().getText() + (u.word() != null ? "-" + u.word().getText() : "");
              error(span(u.getStart()), unknown("sample setting", word, SETTINGS));
              yield null;
            }
            default -> throw new IllegalStateException(s.getClass().getName());
          };
      if (setting == null) continue;
      Span before = seen.putIfAbsent(setting.getClass(), sp);
      if (before != null) {
        error(span(s.getStart()), "'" + s.getStart().getText() + "' may appear once in sample; it is already at " + before);
      }
      settings.add(setting);
    }
    return new Sample(settings, at);
  }

  private Numeral whole(Token t, String what) {
    if (t.getText().indexOf('.') >= 0) {
      error(span(t), what + " is a whole number, found " + SyntaxErrors.echo(t.getText()));
    } else if (!withinDigits(t.getText())) {
      error(span(t), what + " has more than " + MAX_DIGITS + " digits: " + SyntaxErrors.echo(t.getText()));
      return new Numeral("0", span(t));
    }
    return new Numeral(t.getText(), span(t));
  }

  static String unquote(String quoted) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char ch = quoted.charAt(i);
      if (ch == '\\' && i + 1 < quoted.length() - 1) {
        char next = quoted.charAt(++i);
        b.append(switch (next) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> next;
        });
      } else b.append(ch);
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ formulas

  /**
   * Reads the formula from the characters its tokens cover (the lexer cuts {@code A2BB'O6} into
   * pieces that are not chemistry): {@code term+}, {@code term = symbol '* count? | ( term+ ) count?},
   * symbol = an uppercase letter and an optional lowercase one, count = a number.
   */
  private Formula formula(FormulaStatementContext c) {
    Token first = c.formulaPiece(0).getStart();
    Token last = c.formulaPiece(c.formulaPiece().size() - 1).getStop();
    String text = first.getInputStream().getText(Interval.of(first.getStartIndex(), last.getStopIndex()));
    FormulaReader r = new FormulaReader(text, first);
    List<FormulaTerm> terms = r.terms(false);
    return new Formula(terms, new Span(first.getLine(), first.getCharPositionInLine() + 1, first.getStartIndex(), text.length()));
  }

  private final class FormulaReader {
    private final String text;
    private final Token first;
    private int i;
    private boolean failed;

    FormulaReader(String text, Token first) {
      this.text = text;
      this.first = first;
    }

    private Span at(int from, int to) {
      return new Span(first.getLine(), first.getCharPositionInLine() + 1 + from, first.getStartIndex() + from, to - from);
    }

    private void fail(String message) {
      if (!failed) error(at(i, Math.min(i + 1, text.length())), message);
      failed = true;
      i = text.length();
    }

    List<FormulaTerm> terms(boolean inGroup) {
      List<FormulaTerm> terms = new ArrayList<>();
      while (i < text.length() && !failed) {
        char ch = text.charAt(i);
        int start = i;
        if (ch == ')') {
          if (!inGroup) fail("unbalanced ')' in formula");
          break;
        }
        if (ch == '(') {
          i++;
          List<FormulaTerm> inner = terms(true);
          if (failed) break;
          if (i >= text.length() || text.charAt(i) != ')') {
            fail("expected ')' to close the group in formula, found " + found());
            break;
          }
          i++;
          if (inner.isEmpty()) {
            i = start;
            fail("empty group '()' in formula");
            break;
          }
          terms.add(new FormulaGroup(inner, count(), at(start, i)));
        } else if (ch >= 'A' && ch <= 'Z') {
          i++;
          if (i < text.length() && Character.isLowerCase(text.charAt(i)) && text.charAt(i) < 128) i++;
          while (i < text.length() && text.charAt(i) == '\'') i++;
          String name = text.substring(start, i);
          terms.add(new Species(name, count(), at(start, i)));
        } else if (Character.isWhitespace(ch) || ch == '#') {
          fail("a formula is written without spaces");
        } else {
          fail("expected an element symbol or '(' in formula, found " + found());
        }
      }
      if (inGroup && i >= text.length() && !failed) fail("expected ')' to close the group in formula, found end of formula");
      return terms;
    }

    private String found() {
      return i >= text.length() ? "end of formula" : SyntaxErrors.echo(text.substring(i, i + 1));
    }

    private Optional<Numeral> count() {
      int start = i;
      while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) i++;
      if (i == start) return Optional.empty();
      if (i + 1 < text.length() && text.charAt(i) == '.' && Character.isDigit(text.charAt(i + 1))) {
        i++;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) i++;
      }
      return Optional.of(new Numeral(text.substring(start, i), at(start, i)));
    }
  }
}
