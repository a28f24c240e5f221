package xtal.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import xtal.compiler.automaton.Automaton;
import xtal.compiler.automaton.CompiledAutomaton;
import xtal.compiler.automaton.Operations;
import xtal.compiler.automaton.TooComplexException;
import xtal.grammar.CrystalParser;
import xtal.grammar.Diagnostic;
import xtal.grammar.ParseResult;
import xtal.grammar.Span;
import xtal.grammar.ast.Numeral;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.Template.ElementSlot;
import xtal.grammar.ast.XtalFile;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.ElementClass;
import xtal.stdlib.element.Elements;
import xtal.stdlib.spacegroup.CrystalSystem;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;
import xtal.stdlib.template.Prototype;
import xtal.stdlib.template.Prototypes;

/**
 * Compiles queries — inline templates, {@code .xtal} files, or nothing at all — into {@link
 * CompiledQuery}s. The library entry point of the compiler; a linear pipeline: parse → resolve
 * names (errors stop here) → product of the constraints → minimize → check non-empty.
 *
 * <pre>{@code
 * CompiledQuery all = QueryCompiler.unconstrained(Limits.DEFAULT);   // every crystal, for training
 * CompiledQuery q = QueryCompiler.compileTemplate("<arg>", "{cubic}-(?-?-?-?-?)+-X-?", Limits.DEFAULT);
 * CompiledAutomaton a = q.automaton();
 * int s = a.step(0, Vocabulary.group(225));                          // -1 if not allowed
 * }</pre>
 *
 * Errors are {@link CompileException}s carrying positioned {@link Diagnostic}s: bad syntax,
 * unknown names, a query no crystal satisfies (naming the conflicting constraints), or one whose
 * automaton exceeds the budget of {@link Limits}.
 */
public final class QueryCompiler {
  private QueryCompiler() {}

  /**
   * Every crystal the space-group rules allow within {@code limits}: any of the 230 groups, any
   * of the 118 elements, letters non-decreasing, zero-DOF positions at most once. The model
   * trainer masks logits with this.
   */
  public static CompiledQuery unconstrained(Limits limits) {
    Automaton raw = new ProductBuilder(limits, allGroups(), allElements(), null, List.of(), "").build();
    return new CompiledQuery("<all crystals>", "", new CompiledAutomaton(Operations.minimize(raw)), limits, Map.of());
  }

  /** {@link #unconstrained(Limits)} with {@link Limits#DEFAULT}: ≤ 20 sites, ≤ 20 atoms per primitive cell. */
  public static CompiledQuery unconstrained() {
    return unconstrained(Limits.DEFAULT);
  }

  /** Compiles an inline template such as {@code 225-a-?-0-0-0-(?-O-?-?-?)+-X-?} under {@code limits}. */
  public static CompiledQuery compileTemplate(String source, String text, Limits limits) throws CompileException {
    return compileTemplate(source, text, limits, Build.AUTO);
  }

  /** {@link #compileTemplate(String, String, Limits)} with the automaton built as {@code how} says. */
  public static CompiledQuery compileTemplate(String source, String text, Limits limits, Build how) throws CompileException {
    if (source == null) source = "<template>";
    if (text == null) throw new CompileException(new Diagnostic(source, 0, 0, 0, Diagnostic.Severity.ERROR, "no template to compile (null)"));
    if (limits == null) throw new IllegalArgumentException("limits must not be null (Limits.DEFAULT is MP-20's)");
    ParseResult<Template> parsed = CrystalParser.parseTemplate(source, text);
    if (!parsed.ok()) throw new CompileException(parsed.errors());
    List<Diagnostic> diags = new ArrayList<>();
    Plan plan = new Plan(source, "<template>", text, limits);
    plan.setTemplate(parsed.value(), Map.of(), diags);
    if (!diags.isEmpty()) throw new CompileException(diags);
    return plan.compile(how, LazyAutomaton.DEFAULT_CACHE_BYTES);
  }

  /** Compiles every query of a {@code .xtal} file, in order. */
  public static List<CompiledQuery> compileFile(String source, String text, Limits limits) throws CompileException {
    return compileFile(source, text, null, limits);
  }

  /**
   * Compiles the query named {@code queryName} of a {@code .xtal} file (its {@code let}s and
   * imports too, but no other query), or every query if the name is null.
   */
  public static List<CompiledQuery> compileFile(String source, String text, String queryName, Limits limits) throws CompileException {
    return compileFile(source, text, queryName, limits, Build.AUTO, LazyAutomaton.DEFAULT_CACHE_BYTES);
  }

  /** {@link #compileFile(String, String, Limits)} with the automaton built as {@code how} says (tests, benchmarks). */
  public static List<CompiledQuery> compileFile(String source, String text, Limits limits, Build how) throws CompileException {
    return compileFile(source, text, null, limits, how, LazyAutomaton.DEFAULT_CACHE_BYTES);
  }

  /** As above, a lazy automaton's cache bounded by {@code cacheBytes}. */
  static List<CompiledQuery> compileFile(String source, String text, Limits limits, Build how, long cacheBytes) throws CompileException {
    return compileFile(source, text, null, limits, how, cacheBytes);
  }

  private static List<CompiledQuery> compileFile(String source, String text, String queryName, Limits limits, Build how, long cacheBytes)
      throws CompileException {
    if (source == null) source = "<input>";
    if (text == null) throw new CompileException(new Diagnostic(source, 0, 0, 0, Diagnostic.Severity.ERROR, "no text to compile (null)"));
    if (limits == null) throw new IllegalArgumentException("limits must not be null (Limits.DEFAULT is MP-20's)");
    ParseResult<XtalFile> parsed = CrystalParser.parseFile(source, text);
    if (!parsed.ok()) throw new CompileException(parsed.errors());
    XtalFile file = parsed.value();
    List<Diagnostic> diags = new ArrayList<>();
    Map<String, BitSet> lets = new LinkedHashMap<>();
    for (XtalFile.Item item : file.items()) {
      switch (item) {
        case XtalFile.Let let -> {
          if (lets.containsKey(let.name())) diags.add(Diagnostic.error(source, let.span(), "'" + let.name() + "' is already defined"));
          lets.put(let.name(), new Resolver(source, lets, diags).resolve(let.elements()));
        }
        case XtalFile.Import imp -> {
          for (String name : imp.prototypes()) {
            if (Prototypes.get(name).isEmpty()) {
              diags.add(Diagnostic.error(source, imp.span(), "unknown prototype '" + name + "' (known: " + String.join(", ", Prototypes.names()) + ")"));
            }
          }
        }
        case XtalFile.Query q -> {}
      }
    }
    if (file.queries().isEmpty()) diags.add(new Diagnostic(source, 0, 0, 0, Diagnostic.Severity.ERROR, "the file has no query"));
    if (queryName != null && diags.isEmpty() && file.queries().stream().noneMatch(q -> q.name().equals(queryName))) {
      diags.add(new Diagnostic(source, 0, 0, 0, Diagnostic.Severity.ERROR, "no query named '" + queryName + "' (the file has "
          + String.join(", ", file.queries().stream().map(XtalFile.Query::name).toList()) + ")"));
    }
    List<Plan> plans = new ArrayList<>();
    for (XtalFile.Query q : file.queries()) if (queryName == null || q.name().equals(queryName)) plans.add(plan(source, text, q, lets, limits, diags));
    if (!diags.isEmpty()) throw new CompileException(diags);
    List<CompiledQuery> out = new ArrayList<>();
    for (Plan p : plans) out.add(p.compile(how, cacheBytes));
    return out;
  }

  /**
   * Compiles a query given on a command line: a path to a {@code .xtal} file (its first query, or
   * the one named {@code queryName}) or else an inline template.
   */
  public static CompiledQuery compileArgument(String arg, String queryName, Limits limits) throws CompileException {
    if (arg == null) throw new CompileException(new Diagnostic("<argument>", 0, 0, 0, Diagnostic.Severity.ERROR, "no query to compile (null)"));
    Path p = Path.of(arg.length() > 4096 ? "/" : arg.replace('\0', '_'));
    boolean isFile = arg.endsWith(".xtal") || (Files.isRegularFile(p) && !arg.contains("-"));
    if (!isFile) return compileTemplate("<template>", arg, limits);
    if (queryName == null) {
      // the first query only: parse the file to learn its name, compile that one
      String text = read(p);
      ParseResult<XtalFile> parsed = CrystalParser.parseFile(p.toString(), text);
      String first = parsed.ok() && !parsed.value().queries().isEmpty() ? parsed.value().queries().getFirst().name() : null;
      return compileFile(p.toString(), text, first, limits).getFirst();
    }
    return compileFile(p.toString(), read(p), queryName, limits).getFirst();
  }

  /**
   * The meaning of a compiled query's source (a template, or a {@code .xtal} query that stands on
   * its own) without building its automaton; empty if the source does not resolve by itself (a
   * query that uses its file's {@code let}s).
   */
  public static Optional<QueryMeaning> meaningOf(String name, String source, Limits limits) {
    List<Diagnostic> diags = new ArrayList<>();
    ParseResult<Template> t = CrystalParser.parseTemplate("<source>", source);
    if (t.ok()) {
      Plan plan = new Plan("<source>", name, source, limits);
      plan.setTemplate(t.value(), Map.of(), diags);
      return diags.isEmpty() ? Optional.of(plan.meaning()) : Optional.empty();
    }
    ParseResult<XtalFile> f = CrystalParser.parseFile("<source>", source);
    if (!f.ok()) return Optional.empty();
    for (XtalFile.Query q : f.value().queries()) {
      if (!q.name().equals(name)) continue;
      Plan plan = plan("<source>", source, q, new LinkedHashMap<>(), limits, diags);
      // the limits recorded with the compiled query are the ones it was built under
      plan.limits = limits;
      return diags.isEmpty() ? Optional.of(plan.meaning()) : Optional.empty();
    }
    return Optional.empty();
  }

  /** Reads and compiles a {@code .xtal} file. */
  public static List<CompiledQuery> compilePath(Path path, Limits limits) throws CompileException {
    return compilePath(path, null, limits, Build.AUTO);
  }

  /** Reads a {@code .xtal} file and compiles the query named {@code queryName} (every query if null). */
  public static List<CompiledQuery> compilePath(Path path, String queryName, Limits limits) throws CompileException {
    return compilePath(path, queryName, limits, Build.AUTO);
  }

  /** {@link #compilePath(Path, Limits)} with the automata built as {@code how} says. */
  public static List<CompiledQuery> compilePath(Path path, Limits limits, Build how) throws CompileException {
    return compilePath(path, null, limits, how);
  }

  /** {@link #compilePath(Path, String, Limits)} with the automata built as {@code how} says. */
  public static List<CompiledQuery> compilePath(Path path, String queryName, Limits limits, Build how) throws CompileException {
    return compileFile(path.toString(), read(path), queryName, limits, how, LazyAutomaton.DEFAULT_CACHE_BYTES);
  }

  private static String read(Path path) throws CompileException {
    String text;
    try {
      if (Files.size(path) > CrystalParser.MAX_FILE) {
        throw new CompileException(new Diagnostic(path.toString(), 0, 0, 0, Diagnostic.Severity.ERROR, "file too large (over 1 MiB)"));
      }
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CompileException(new Diagnostic(path.toString(), 0, 0, 0, Diagnostic.Severity.ERROR, "cannot read: " + e.getMessage()));
    }
    return text;
  }

  // ------------------------------------------------------------------ statements → plan

  private static Plan plan(String source, String text, XtalFile.Query q, Map<String, BitSet> lets, Limits base, List<Diagnostic> diags) {
    Span qs = q.span();
    String qtext = qs.offset() + qs.length() <= text.length() ? text.substring(qs.offset(), qs.offset() + qs.length()) : q.name();
    Plan plan = new Plan(source, q.name(), qtext, base);
    plan.fileText = text;
    plan.span = qs;
    Resolver resolver = new Resolver(source, lets, diags);
    // the structure first: formulas refer to its $-names
    for (XtalFile.Statement st : q.statements()) {
      if (!(st instanceof XtalFile.StructureStatement s)) continue;
      if (plan.template != null) {
        diags.add(Diagnostic.error(source, s.span(), "a query has at most one structure"));
        continue;
      }
      switch (s.structure()) {
        case XtalFile.TemplateStructure ts -> plan.setTemplate(ts.template(), lets, diags);
        case XtalFile.PrototypeStructure ps -> {
          Optional<Prototype> proto = Prototypes.get(ps.name());
          if (proto.isEmpty()) {
            diags.add(Diagnostic.error(source, ps.span(), "unknown prototype '" + ps.name() + "' (known: " + String.join(", ", Prototypes.names()) + ")"));
            break;
          }
          Map<String, ElementSlot> args = new LinkedHashMap<>();
          for (XtalFile.Argument a : ps.arguments()) {
            if (args.put(a.name(), a.value()) != null) diags.add(Diagnostic.error(source, a.span(), "parameter " + a.name() + " given twice"));
          }
          try {
            plan.setTemplate(proto.get().bind(args), lets, diags);
            plan.templateSpan = ps.span(); // the prototype's own spans point into its file
          } catch (IllegalArgumentException e) {
            diags.add(Diagnostic.error(source, ps.span(), e.getMessage()));
          }
        }
      }
    }
    int minAtoms = base.minAtoms(), maxAtoms = base.maxAtoms(), maxSites = base.maxSites();
    Limits.Unit unit = base.unit();
    for (XtalFile.Statement st : q.statements()) {
      String label = plan.label(st.span());
      switch (st) {
        case XtalFile.StructureStatement s -> {}
        case XtalFile.Atoms a -> {
          int[] r = range(source, a.comparison(), 10_000, diags);
          if (r == null) break;
          if (r[1] > 10_000 || r[0] > 10_000) {
            diags.add(Diagnostic.error(source, a.comparison().span(), "at most 10000 atoms can be asked for"));
            break;
          }
          minAtoms = Math.max(1, r[0]);
          maxAtoms = r[1];
          if (a.comparison().relation() == XtalFile.Relation.GE || a.comparison().relation() == XtalFile.Relation.GT) {
            maxAtoms = Math.max(base.maxAtoms(), minAtoms);
          }
          unit = a.cell().orElse(XtalFile.Cell.PRIMITIVE) == XtalFile.Cell.PRIMITIVE ? Limits.Unit.PRIMITIVE : Limits.Unit.CONVENTIONAL;
          plan.atomsLabel = label;
          plan.atomsSpan = a.span();
        }
        case XtalFile.Sites s -> {
          int[] r = range(source, s.comparison(), 10_000, diags);
          if (r == null) break;
          if (r[1] > 10_000 || r[0] > 10_000) {
            diags.add(Diagnostic.error(source, s.comparison().span(), "at most 10000 sites can be asked for"));
            break;
          }
          if (s.comparison().relation() != XtalFile.Relation.GE && s.comparison().relation() != XtalFile.Relation.GT) maxSites = r[1];
          if (r[0] > 0) {
            plan.add(new MinSites(r[0], label), st.span());
            plan.requirements.add(QueryMeaning.minSites(label, r[0]));
          }
          plan.sitesLabel = label;
        }
        case XtalFile.Only o -> {
          BitSet allowed = new BitSet();
          for (ElementSlot e : o.items()) allowed.or(resolver.resolve(e));
          plan.elements.and(allowed);
          plan.elementRules.add(new Labeled(label, st.span()));
        }
        case XtalFile.Exclude e -> {
          for (ElementSlot slot : e.items()) plan.elements.andNot(resolver.resolve(slot));
          plan.elementRules.add(new Labeled(label, st.span()));
        }
        case XtalFile.Contains c -> {
          List<BitSet> items = new ArrayList<>();
          for (ElementSlot e : c.items()) items.add(resolver.resolve(e));
          if (items.size() > 62) diags.add(Diagnostic.error(source, c.span(), "at most 62 elements in one 'contains'"));
          else {
            plan.add(new Components.Contains(items, label), st.span());
            plan.requirements.add(QueryMeaning.contains(label, items));
          }
        }
        case XtalFile.Count c -> {
          int z = resolver.element(c.element().symbol(), c.element().span());
          int[] r = range(source, c.comparison(), 100_000, diags);
          if (r != null && z > 0) {
            plan.add(new Components.Count(z, r[0], r[1], label), st.span());
            plan.requirements.add(QueryMeaning.count(label, z, r[0], r[1]));
          }
        }
        case XtalFile.DistinctElements d -> {
          int[] r = range(source, d.comparison(), 118, diags);
          if (r != null) {
            plan.distinct = new int[] {r[0], r[1]};
            plan.distinctLabel = label;
            plan.add(new Components.Distinct(r[0], r[1], label), st.span());
            plan.requirements.add(QueryMeaning.distinct(label, r[0], r[1]));
          }
        }
        case XtalFile.ChargeBalanced cb -> plan.chargeLabel = new Labeled(label, st.span());
        case XtalFile.SmactValid sv -> {
          plan.add(new SmactComponent(label), st.span());
          plan.requirements.add(QueryMeaning.smactValid(label));
        }
        case XtalFile.FormulaStatement f -> plan.formula = f;
        case XtalFile.Sample s -> {
          for (XtalFile.Setting setting : s.settings()) {
            switch (setting) {
              case XtalFile.SampleCount n -> plan.sampling.put("count", n.value().text());
              case XtalFile.Temperature t -> plan.sampling.put("temperature", t.value().text());
              case XtalFile.TopP t -> plan.sampling.put("top-p", t.value().text());
              case XtalFile.Seed t -> plan.sampling.put("seed", t.value().text());
              case XtalFile.Formats t -> plan.sampling.put("format", String.join(",", t.formats()));
              case XtalFile.Output t -> plan.sampling.put("output", t.directory());
            }
          }
        }
      }
    }
    if (maxAtoms < minAtoms) {
      diags.add(Diagnostic.error(source, plan.atomsSpan == null ? qs : plan.atomsSpan, "empty atom range " + minAtoms + ".." + maxAtoms));
      maxAtoms = minAtoms;
    }
    plan.limits = new Limits(maxSites, minAtoms, maxAtoms, unit, base.maxStates(), base.maxTransitions());
    if (plan.chargeLabel != null) {
      plan.add(new Components.Charge(maxAtoms, plan.possibleElements(), plan.chargeLabel.text), plan.chargeLabel.span);
      plan.requirements.add(QueryMeaning.chargeBalanced(plan.chargeLabel.text));
    }
    if (plan.formula != null) {
      Components.Formula f = formula(source, plan, plan.formula, resolver, maxAtoms, diags);
      plan.add(f, plan.formula.span());
      plan.requirements.add(QueryMeaning.formula(f.describe(), f.terms(), unit, plan.template, lets));
      plainConflicts(source, plan, f, diags);
    }
    return plan;
  }

  /**
   * Conflicts seen without building anything, named as the builder's explanation would name them
   * (building first could end as "too complex" where the answer is plainly "no crystal").
   */
  private static void plainConflicts(String source, Plan plan, Components.Formula f, List<Diagnostic> diags) {
    List<String> conflict = new ArrayList<>();
    int species = f.terms().size();
    if (plan.distinct != null && (species < plan.distinct[0] || species > plan.distinct[1])) {
      conflict.add(f.describe() + " (" + species + " distinct element" + (species == 1 ? "" : "s") + ")");
      conflict.add(plan.distinctLabel);
    }
    for (Components.Formula.Term t : f.terms()) {
      if (t.z() > 0 && !plan.elements.get(t.z()) && conflict.isEmpty()) {
        conflict.add(f.describe() + " (needs " + t.name() + ")");
        conflict.add(String.join(", ", plan.elementRules.stream().map(Labeled::text).toList()));
      }
    }
    if (conflict.isEmpty()) return;
    diags.add(Diagnostic.error(source, plan.span, "no crystal satisfies query '" + plan.name + "': these constraints conflict: " + String.join("; ", conflict)));
  }

  private static Components.Formula formula(String source, Plan plan, XtalFile.FormulaStatement f, Resolver resolver, int maxAtoms, List<Diagnostic> diags) {
    Map<String, Integer> coefficients = new LinkedHashMap<>();
    flatten(source, f.formula().terms(), 1, coefficients, diags);
    List<Components.Formula.Term> terms = new ArrayList<>();
    for (var e : coefficients.entrySet()) {
      String name = e.getKey();
      BitSet placeholder = plan.bindingSets.get(name);
      if (placeholder != null) {
        terms.add(new Components.Formula.Term(name, 0, e.getValue(), placeholder, true));
      } else {
        Optional<Element> el = Elements.bySymbol(name);
        if (el.isEmpty()) {
          // neither an element nor a $-name: a free placeholder ('M' in MCO3), any other element
          terms.add(new Components.Formula.Term(name, 0, e.getValue(), allElements(), false));
          continue;
        }
        terms.add(new Components.Formula.Term(name, el.get().z(), e.getValue(), null, false));
      }
    }
    return new Components.Formula(terms, maxAtoms, plan.label(f.span()));
  }

  private static void flatten(String source, List<XtalFile.FormulaTerm> terms, int factor, Map<String, Integer> out, List<Diagnostic> diags) {
    for (XtalFile.FormulaTerm t : terms) {
      int n = 1;
      if (t.count().isPresent()) {
        Numeral c = t.count().get();
        if (c.isFraction() || c.text().contains(".") || c.value() < 1 || c.value() > 1000) {
          diags.add(Diagnostic.error(source, t.span(), "a formula count is a whole number 1..1000, not " + c.text()));
          continue;
        }
        n = (int) c.value();
      }
      switch (t) {
        case XtalFile.Species s -> out.merge(s.name(), factor * n, Integer::sum);
        case XtalFile.FormulaGroup g -> flatten(source, g.terms(), factor * n, out, diags);
      }
    }
  }

  /** [lo, hi] of a comparison over whole numbers; {@code cap} is the hi of {@code >=}. */
  private static int[] range(String source, XtalFile.Comparison c, int cap, List<Diagnostic> diags) {
    Integer v = whole(source, c.value(), diags), u = c.upper().map(x -> whole(source, x, diags)).orElse(0);
    if (v == null || u == null) return null;
    int[] r = switch (c.relation()) {
      case EQ -> new int[] {v, v};
      case LE -> new int[] {0, v};
      case LT -> new int[] {0, v - 1};
      case GE -> new int[] {v, cap};
      case GT -> new int[] {v + 1, cap};
      case RANGE -> new int[] {v, u};
    };
    if (r[1] < r[0] || r[1] < 0) {
      diags.add(Diagnostic.error(source, c.span(), "no whole number satisfies '" + c.relation().symbol + " " + c.value().text() + "'"));
      return null;
    }
    return r;
  }

  private static Integer whole(String source, Numeral n, List<Diagnostic> diags) {
    if (n.isFraction() || n.text().contains(".") || n.value() > 1_000_000) {
      diags.add(Diagnostic.error(source, n.span(), "expected a whole number, found " + n.text()));
      return null;
    }
    return (int) n.value();
  }

  /** The most atoms a query may ask for (Limits' own bound). */
  static final int MAX_ATOMS = 10_000;

  static BitSet allGroups() {
    BitSet b = new BitSet();
    b.set(1, 231);
    return b;
  }

  static BitSet allElements() {
    BitSet b = new BitSet();
    b.set(1, 119);
    return b;
  }

  // ------------------------------------------------------------------ names

  /** Resolves element slots and terms against the stdlib and the file's {@code let}s, collecting errors. */
  static final class Resolver {
    private final String source;
    private final Map<String, BitSet> lets;
    private final List<Diagnostic> diags;

    Resolver(String source, Map<String, BitSet> lets, List<Diagnostic> diags) {
      this.source = source;
      this.lets = lets;
      this.diags = diags;
    }

    int element(String symbol, Span span) {
      Optional<Element> e = Elements.bySymbol(symbol);
      if (e.isEmpty()) {
        diags.add(Diagnostic.error(source, span, "unknown element '" + symbol + "'"));
        return 0;
      }
      return e.get().z();
    }

    BitSet resolve(ElementSlot slot) {
      BitSet out = new BitSet();
      switch (slot) {
        case Template.ElementExact e -> {
          int z = element(e.symbol(), e.span());
          if (z > 0) out.set(z);
        }
        case Template.ElementSet s -> {
          for (Template.ElementTerm t : s.terms()) {
            switch (t) {
              case Template.Symbol sym -> {
                int z = element(sym.symbol(), sym.span());
                if (z > 0) out.set(z);
              }
              case Template.Named n -> out.or(named(n));
            }
          }
          if (s.negated()) {
            BitSet all = allElements();
            all.andNot(out);
            out = all;
          }
        }
        case Template.AnyElement a -> out = allElements();
        case Template.Binding b -> out = resolve(b.constraint());
        case Template.Reference r -> out = allElements();
      }
      return out;
    }

    private BitSet named(Template.Named n) {
      BitSet let = lets.get(n.name());
      if (let != null) return (BitSet) let.clone();
      Optional<ElementClass> c = Elements.elementClass(n.name());
      if (c.isPresent()) {
        BitSet out = new BitSet();
        for (Element e : c.get().members()) out.set(e.z());
        return out;
      }
      // a bare symbol may reach here when the grammar cannot tell a class from a symbol
      Optional<Element> e = Elements.bySymbol(n.name());
      if (e.isPresent()) {
        BitSet out = new BitSet();
        out.set(e.get().z());
        return out;
      }
      diags.add(Diagnostic.error(source, n.span(), "unknown element class or set '" + n.name() + "' (classes: "
          + String.join(", ", Elements.classNames()) + (lets.isEmpty() ? "" : "; let: " + String.join(", ", lets.keySet())) + ")"));
      return new BitSet();
    }
  }

  /** The groups a template's group slot admits, or null after reporting an error. */
  static BitSet groups(String source, Template.GroupSlot slot, List<Diagnostic> diags) {
    BitSet out = new BitSet();
    switch (slot) {
      case Template.AnyGroup a -> out = allGroups();
      case Template.GroupNumber n -> {
        if (n.number() < 1 || n.number() > 230) diags.add(Diagnostic.error(source, n.span(), "space group " + n.number() + " does not exist (groups run 1..230)"));
        else out.set(n.number());
      }
      case Template.GroupSet s -> {
        for (int g : s.numbers()) {
          if (g < 1 || g > 230) diags.add(Diagnostic.error(source, s.span(), "space group " + g + " does not exist (groups run 1..230)"));
          else out.set(g);
        }
      }
      case Template.CrystalSystem cs -> {
        Optional<CrystalSystem> sys = CrystalSystem.find(cs.name());
        if (sys.isEmpty()) {
          diags.add(Diagnostic.error(source, cs.span(), "unknown crystal system '" + cs.name()
              + "' (triclinic, monoclinic, orthorhombic, tetragonal, trigonal, hexagonal, cubic)"));
        } else {
          for (SpaceGroup g : SpaceGroups.all()) if (g.crystalSystem() == sys.get()) out.set(g.number());
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ plan

  record Labeled(String text, Span span) {}

  /** A site-count lower bound ({@code sites >= n}); the upper bound is in the core. */
  static final class MinSites implements Component {
    private final int min;
    private final String text;

    MinSites(int min, String text) {
      this.min = min;
      this.text = text;
    }

    @Override
    public int start() {
      return 0;
    }

    @Override
    public int onSite(int state, Site site) {
      return Math.min(min, state + 1);
    }

    @Override
    public boolean acceptsAtEnd(int state, SpaceGroup group) {
      return state >= min;
    }

    @Override
    public int sitesNeeded(int state) {
      return Math.max(0, min - state);
    }

    /** Necessary: some atom total can be added with enough sites. */
    @Override
    public boolean mayComplete(int state, Remaining r) {
      for (int a = 0; a <= r.maxMore(); a++) if (r.canEndAfter(a) && r.mostSites(a) >= min - state) return true;
      return false;
    }

    @Override
    public Object elementKey(int z) {
      return 0;
    }

    @Override
    public String describe() {
      return text;
    }
  }

  /**
   * How a query's automaton is built: {@code AUTO} tries the eager minimal DFA within {@link
   * #EAGER_STATES} product states and builds it lazily past that; the others force one.
   */
  public enum Build {
    AUTO,
    EAGER,
    LAZY
  }

  /** Product states past which {@link Build#AUTO} builds lazily (the eager try then costs ≈ 0.1–0.2 s). */
  static final int EAGER_STATES = 100_000;

  /** Transitions past which {@link Build#AUTO} builds lazily. */
  static final int EAGER_TRANSITIONS = 1_000_000;

  /** Everything a query says, resolved, ready to build; also builds variants for error messages. */
  static final class Plan {
    final String source, name, text;
    String fileText;
    Span span = Span.NONE;
    Limits limits;
    Template template;
    Span templateSpan;
    BitSet groups = allGroups();
    final BitSet elements = allElements();
    final List<Labeled> elementRules = new ArrayList<>();
    final List<Component> components = new ArrayList<>();
    final List<Span> componentSpans = new ArrayList<>();
    final Map<String, BitSet> bindingSets = new LinkedHashMap<>();
    final Map<String, String> sampling = new LinkedHashMap<>();
    /** The statements other than the structure, the element rules and the limits, decided directly. */
    final List<QueryMeaning.Requirement> requirements = new ArrayList<>();
    private BitSet templateElementFilter;
    String atomsLabel, sitesLabel, distinctLabel;
    int[] distinct;
    Span atomsSpan;
    Labeled chargeLabel;
    XtalFile.FormulaStatement formula;
    private Map<String, BitSet> lets = Map.of();

    Plan(String source, String name, String text, Limits limits) {
      this.source = source;
      this.name = name;
      this.text = text;
      this.fileText = text;
      this.limits = limits;
    }

    /** The elements that may occur: the element rules so far, and the template's patterns. */
    BitSet possibleElements() {
      BitSet b = (BitSet) elements.clone();
      if (template != null) {
        BitSet t = new BitSet();
        Resolver r = new Resolver(source, lets, new ArrayList<>());
        walk(template.sites(), slot -> t.or(slot instanceof Template.Reference ? allElements() : r.resolve(slot)));
        b.and(t);
      }
      return b;
    }

    void add(Component c, Span s) {
      components.add(c);
      componentSpans.add(s);
    }

    /** The source text of a span, the user's own words for a constraint. */
    String label(Span s) {
      if (s == null || s == Span.NONE || s.offset() + s.length() > fileText.length()) return "?";
      String t = fileText.substring(s.offset(), s.offset() + s.length()).strip().replaceAll("\\s+", " ");
      return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }

    void setTemplate(Template t, Map<String, BitSet> lets, List<Diagnostic> diags) {
      this.template = t;
      this.templateSpan = t.span();
      this.lets = lets;
      groups = groups(source, t.group(), diags);
      latticeProblems(t, diags);
      Resolver r = new Resolver(source, lets, diags);
      // resolve every slot once now so unknown names are reported before building
      walk(t.sites(), slot -> {
        BitSet set = r.resolve(slot);
        if (slot instanceof Template.Binding b) bindingSets.merge(b.name(), set, (x, y) -> {
          BitSet z = (BitSet) x.clone();
          z.and(y);
          return z;
        });
      });
    }

    /**
     * A lattice no crystal system of the template's groups can have (a length of 0, an angle of
     * 180, angles that span no cell, a range on b that misses a's) is an error at the number.
     */
    private void latticeProblems(Template t, List<Diagnostic> diags) {
      if (t.latticeFree() || groups.isEmpty()) return;
      SlotRules.Problem first = null;
      for (CrystalSystem cs : CrystalSystem.values()) {
        boolean present = false;
        for (int g = groups.nextSetBit(0); g >= 0 && !present; g = groups.nextSetBit(g + 1)) present = SpaceGroups.get(g).crystalSystem() == cs;
        if (!present) continue;
        SlotRules.Problem p = SlotRules.latticeProblem(xtal.stdlib.spacegroup.LatticeRule.of(cs), t);
        if (p == null) return;
        if (first == null) first = p;
      }
      if (first == null) return;
      List<Template.NumberSlot> ls = t.lattice();
      Span at = first.written() >= 0 ? ls.get(first.written()).span() : ls.getFirst().span().to(ls.getLast().span());
      diags.add(Diagnostic.error(source, at, first.message()));
    }

    private static void walk(List<Template.SitePattern> sites, java.util.function.Consumer<ElementSlot> f) {
      for (Template.SitePattern p : sites) {
        switch (p) {
          case Template.Site s -> f.accept(s.element());
          case Template.Repeat r -> walk(r.body(), f);
        }
      }
    }

    private TemplateComponent templateComponent(Limits l) {
      List<Diagnostic> ignored = new ArrayList<>();
      Resolver r = new Resolver(source, lets, ignored);
      java.util.Set<String> keep = new java.util.HashSet<>();
      for (Component c : components) if (c instanceof Components.Formula f) keep.addAll(f.bindingNames());
      return new TemplateComponent(template, groups, r::resolve, l.maxSites(), 16L * l.maxStates(), keep);
    }

    /** Builds and minimizes with the constraints in {@code keep} (bit i = component i; -1 all). */
    Automaton build(Limits l, boolean withTemplate, boolean withElements, long keep) {
      List<Component> comps = new ArrayList<>();
      for (int i = 0; i < components.size(); i++) if ((keep >>> i & 1) != 0) comps.add(components.get(i));
      TemplateComponent tc = withTemplate && template != null ? templateComponent(l) : null;
      BitSet g = tc != null ? groups : allGroups();
      BitSet e = withElements ? elements : allElements();
      String where = span == Span.NONE ? "" : span.toString();
      return Operations.minimize(new ProductBuilder(l, g, e, tc, comps, where).build());
    }

    CompiledQuery compile() throws CompileException {
      return compile(Build.AUTO, LazyAutomaton.DEFAULT_CACHE_BYTES);
    }

    /**
     * The eager minimal automaton when it fits a small budget (or {@code how} asks for it), else
     * one built lazily while it is walked; {@code Build.EAGER} keeps the whole budget and its
     * "too complex" error.
     */
    CompiledQuery compile(Build how, long cacheBytes) throws CompileException {
      Span where = span == Span.NONE && templateSpan != null ? templateSpan : span;
      String narrow = components.stream().anyMatch(SmactComponent.class::isInstance) ? SmactComponent.NARROW_HINT : "";
      if (how != Build.LAZY) {
        Limits eager = how == Build.EAGER ? limits
            : limits.withBudget(Math.min(limits.maxStates(), EAGER_STATES), Math.min(limits.maxTransitions(), EAGER_TRANSITIONS));
        try {
          Automaton a = build(eager, true, true, -1L);
          if (Operations.isEmpty(a)) throw new CompileException(Diagnostic.error(source, where, explainEmpty()));
          return new CompiledQuery(name, text, new CompiledAutomaton(a), limits, sampling, meaning());
        } catch (TooComplexException e) {
          if (how == Build.EAGER)
            throw new CompileException(Diagnostic.error(source, where, "query '" + name + "' is too complex: " + budgetAdvice(e.getMessage()) + narrow));
        } catch (OutOfMemoryError e) {
          // the budget is sized to the heap; should a query still exhaust it, everything built is garbage now
          if (how == Build.EAGER)
            throw new CompileException(Diagnostic.error(source, where, "query '" + name + "' is too complex: compiling it ran out of memory ("
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB heap) within a budget of " + limits.maxStates()
                + " states; narrow the query (fewer groups, elements or atoms)"));
        }
      }
      LazyAutomaton lazy;
      try {
        lazy = new LazyAutomaton(new ProductSpace(limits, template != null ? groups : allGroups(), elements,
            template != null ? templateComponent(limits) : null, components), cacheBytes);
      } catch (TooComplexException e) {
        throw new CompileException(Diagnostic.error(source, where, "query '" + name + "' is too complex: " + e.getMessage() + narrow));
      }
      if (lazy.isEmpty()) throw new CompileException(Diagnostic.error(source, where, explainEmpty()));
      return new CompiledQuery(name, text, lazy, limits, sampling, meaning());
    }

    /** The query's meaning, decided from a crystal directly: the re-check independent of the automaton. */
    QueryMeaning meaning() {
      List<QueryMeaning.Requirement> all = new ArrayList<>();
      if (template != null) all.add(QueryMeaning.structure("the structure " + label(templateSpan), template, lets));
      if (!elementRules.isEmpty()) all.add(QueryMeaning.elementsIn(String.join(", ", elementRules.stream().map(Labeled::text).toList()), elements));
      all.add(QueryMeaning.limits(limits));
      all.addAll(requirements);
      return new QueryMeaning(all);
    }

    /** Suggests a larger budget only where this heap can hold it, and says how large it may be. */
    private String budgetAdvice(String message) {
      String raise = " or raise the budget";
      if (!message.contains(raise)) return message;
      int cap = Limits.maxStatesForHeap();
      if (limits.maxStates() < cap / 2) {
        return message.replace(raise, raise + " (--max-states, at most " + cap + " with this heap)");
      }
      return message.replace(raise, "") + " (the budget is already as large as this heap allows)";
    }

    /**
     * Names the constraints that conflict: each one whose removal alone makes the query
     * satisfiable; when the atom limit is among them, also how many atoms the rest needs.
     */
    /** Diagnosing an empty query rebuilds variants of it; past this point the rest are skipped. */
    private long deadline;

    String explainEmpty() {
      deadline = System.nanoTime() + 8_000_000_000L;
      Limits small = limits.withBudget(Math.min(limits.maxStates(), 150_000), Math.min(limits.maxTransitions(), 1_500_000));
      // the droppable constraints: the structure, the element rules, each other statement
      List<String> names = new ArrayList<>();
      List<Integer> kinds = new ArrayList<>(); // -2 structure, -1 element rules, i component i
      if (template != null) {
        names.add("the structure " + label(templateSpan));
        kinds.add(-2);
      }
      if (!elementRules.isEmpty()) {
        names.add(String.join(", ", elementRules.stream().map(Labeled::text).toList()));
        kinds.add(-1);
      }
      for (int i = 0; i < components.size(); i++) {
        names.add(components.get(i).describe());
        kinds.add(i);
      }
      List<String> culprits = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) if (feasibleWithout(small, kinds, Set.of(i))) culprits.add(names.get(i));
      String atoms = atomsLabel != null ? atomsLabel : "atoms <= " + limits.maxAtoms() + " per " + limits.unit().displayName() + " (the default)";
      String needs = "";
      Integer min = minAtomsNeeded(limits.withBudget(Math.min(limits.maxStates(), 50_000), Math.min(limits.maxTransitions(), 500_000)));
      if (min != null && min > limits.maxAtoms()) {
        culprits.add(atoms);
        needs = "; the rest of the query needs at least " + min + " atoms per " + limits.unit().displayName() + ", but " + atoms;
      }
      if (culprits.isEmpty()) {
        // no single constraint is to blame: look for a pair whose removal helps
        for (int i = 0; i < names.size() && culprits.isEmpty(); i++) {
          for (int j = i + 1; j < names.size(); j++) {
            if (feasibleWithout(small, kinds, Set.of(i, j))) {
              return "no crystal satisfies query '" + name + "': it needs both " + names.get(i) + " and " + names.get(j)
                  + " to go (dropping either alone is not enough)";
            }
          }
        }
        return "no crystal satisfies query '" + name + "': its constraints cannot all hold together (no single one is to blame)";
      }
      if (culprits.size() == 1 && needs.isEmpty()) {
        return "no crystal satisfies query '" + name + "': " + culprits.getFirst() + " conflicts with the rest of the query";
      }
      return "no crystal satisfies query '" + name + "': these constraints conflict: " + String.join("; ", culprits) + needs;
    }

    private boolean feasibleWithout(Limits l, List<Integer> kinds, Set<Integer> drop) {
      boolean withTemplate = true, withElements = true;
      long keep = -1L;
      for (int d : drop) {
        int k = kinds.get(d);
        if (k == -2) withTemplate = false;
        else if (k == -1) withElements = false;
        else keep &= ~(1L << k);
      }
      boolean t = withTemplate, e = withElements;
      long kp = keep;
      return feasible(() -> build(l, t, e, kp));
    }

    /** The fewest atoms (per the limits' unit) with which everything else holds, or null if none up to 4× the limit. */
    private Integer minAtomsNeeded(Limits small) {
      if (limits.maxAtoms() >= MAX_ATOMS) return null;
      int lo = limits.maxAtoms() + 1, hi = Math.min(MAX_ATOMS, Math.max(lo, limits.maxAtoms() * 4));
      Limits top = new Limits(Math.max(limits.maxSites(), hi), 1, hi, limits.unit(), small.maxStates(), small.maxTransitions());
      if (!feasible(() -> build(top, true, true, -1L))) return null;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        Limits m = new Limits(Math.max(limits.maxSites(), mid), 1, mid, limits.unit(), small.maxStates(), small.maxTransitions());
        if (feasible(() -> build(m, true, true, -1L))) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    }

    private boolean feasible(java.util.function.Supplier<Automaton> f) {
      if (System.nanoTime() > deadline) return false;
      try {
        return !Operations.isEmpty(f.get());
      } catch (TooComplexException e) {
        return false;
      }
    }
  }
}
