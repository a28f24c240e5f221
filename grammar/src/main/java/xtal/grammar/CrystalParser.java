package xtal.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.atn.ParserATNSimulator;
import org.antlr.v4.runtime.atn.PredictionContextCache;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import xtal.grammar.antlr.XtalLexer;
import xtal.grammar.antlr.XtalParser;
import xtal.grammar.ast.Sentence;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.XtalFile;

/**
 * The front door of the grammar: text in, AST or positioned diagnostics out. Stateless and
 * thread-safe; nothing is ever printed.
 *
 * <pre>{@code
 * ParseResult<Sentence> r = CrystalParser.parseSentence("input.txt", 3, line);
 * if (!r.ok()) r.diagnostics().forEach(d -> System.err.println(d.format()));
 * }</pre>
 *
 * <p>Parsing runs ANTLR's fast SLL prediction first and, only when that fails, parses again with
 * full LL prediction and error reporting, so the common case of well-formed input pays for
 * nothing else.
 *
 * <p>Limits: a sentence or template is at most {@link #MAX_LINE} characters, a {@code .xtal} file
 * at most {@link #MAX_FILE} characters; longer input is refused with a diagnostic instead of
 * filling memory with tokens.
 */
public final class CrystalParser {

  /** Longest sentence or template accepted; the longest MP-20 sentence has under 800 characters. */
  public static final int MAX_LINE = 100_000;

  /** Longest .xtal file accepted. */
  public static final int MAX_FILE = 1 << 20;

  /** Deepest nesting of parentheses accepted; the parser recurses once per level. */
  public static final int MAX_NESTING = 32;

  private CrystalParser() {}

  /** A concrete crystal sentence on line 1 of {@code source}. */
  public static ParseResult<Sentence> parseSentence(String source, String text) {
    return parseSentence(source, 1, text);
  }

  /**
   * A concrete crystal sentence; positions in diagnostics and spans count from {@code line}. A
   * wildcard, set, range, binding or group is refused: "a crystal sentence cannot contain a
   * wildcard; use a template query".
   */
  public static ParseResult<Sentence> parseSentence(String source, int line, String text) {
    if (source == null || text == null) return missing(source, line, text);
    List<Diagnostic> diagnostics = new ArrayList<>();
    Template t = template(source, line, text, true, diagnostics);
    if (t == null) return new ParseResult<>(null, diagnostics);
    Span open = t.firstOpenSlot();
    if (open != null) {
      diagnostics.add(
          Diagnostic.error(source, open,
              "a crystal sentence cannot contain a wildcard; use a template query"));
      return new ParseResult<>(null, diagnostics);
    }
    return new ParseResult<>(t.toSentence().orElseThrow(), diagnostics);
  }

  /** A template query (a concrete sentence is one too) on line 1 of {@code source}. */
  public static ParseResult<Template> parseTemplate(String source, String text) {
    return parseTemplate(source, 1, text);
  }

  /** A template query; positions count from {@code line}. */
  public static ParseResult<Template> parseTemplate(String source, int line, String text) {
    if (source == null || text == null) return missing(source, line, text);
    List<Diagnostic> diagnostics = new ArrayList<>();
    Template t = template(source, line, text, false, diagnostics);
    return new ParseResult<>(t, diagnostics);
  }

  /** A whole {@code .xtal} file: imports, lets and queries. */
  public static ParseResult<XtalFile> parseFile(String source, String text) {
    if (source == null || text == null) return missing(source, 1, text);
    List<Diagnostic> diagnostics = new ArrayList<>();
    if (text.length() > MAX_FILE) {
      diagnostics.add(new Diagnostic(source, 0, 0, 0, Diagnostic.Severity.ERROR,
          "file too large: " + text.length() + " characters; a .xtal file has at most " + MAX_FILE));
      return new ParseResult<>(null, diagnostics);
    }
    if (tooDeep(source, 1, text, diagnostics)) return new ParseResult<>(null, diagnostics);
    XtalFile f =
        parse(source, 1, stripBom(text), false, false, diagnostics, XtalParser::xtalFile,
            (b, c) -> b.file(c));
    return new ParseResult<>(f, diagnostics);
  }

  /** Parsing never throws: a null source or text is a diagnostic like any other. */
  private static <T> ParseResult<T> missing(String source, int line, String text) {
    String what = text == null ? "no text to parse (null)" : "no source name (null)";
    return new ParseResult<>(null, List.of(new Diagnostic(source == null ? "<input>" : source, Math.max(line, 0), 0, 0,
        Diagnostic.Severity.ERROR, what)));
  }

  private static Template template(
      String source, int line, String text, boolean concrete, List<Diagnostic> diagnostics) {
    if (text.length() > MAX_LINE) {
      diagnostics.add(new Diagnostic(source, line, MAX_LINE + 1, 0, Diagnostic.Severity.ERROR,
          "line too long: " + text.length() + " characters; a sentence or template has at most "
              + MAX_LINE));
      return null;
    }
    if (tooDeep(source, line, text, diagnostics)) return null;
    return parse(source, line, stripBom(text), true, concrete, diagnostics,
        p -> p.templateLine().template(), AstBuilder::template);
  }

  /**
   * Refuses parentheses nested deeper than {@link #MAX_NESTING} before ANTLR's recursive descent
   * would run out of stack on them. Parentheses inside comments or strings count too, which can
   * only make the limit stricter for text nobody writes.
   */
  private static boolean tooDeep(String source, int line, String text, List<Diagnostic> diagnostics) {
    int depth = 0, col = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      col++;
      if (ch == '\n') {
        line++;
        col = 0;
      } else if (ch == '(' && ++depth > MAX_NESTING) {
        diagnostics.add(new Diagnostic(source, line, col, 1, Diagnostic.Severity.ERROR,
            "groups nested more than " + MAX_NESTING + " deep"));
        return true;
      } else if (ch == ')' && depth > 0) {
        depth--;
      }
    }
    return false;
  }

  /** A byte-order mark is an encoding artefact, not a character of the sentence. */
  private static String stripBom(String text) {
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? " " + text.substring(1) : text;
  }

  /**
   * ANTLR's prediction, except that a failed decision is reported where it failed. By default
   * ANTLR takes the branch that leaves the current rule and reports the error in the caller, which
   * loses what the inner rule would have accepted (after {@code La-} a coordinate is as good as
   * the next letter).
   */
  private static final class PreciseSimulator extends ParserATNSimulator {
    PreciseSimulator(XtalParser parser) {
      super(parser, parser.getATN(), parser.getInterpreter().decisionToDFA, new PredictionContextCache());
    }

    @Override
    protected int getSynValidOrSemInvalidAltThatFinishedDecisionEntryRule(
        ATNConfigSet configs, ParserRuleContext outerContext) {
      return ATN.INVALID_ALT_NUMBER;
    }
  }

  /**
   * After syntax errors in a file, the rest of the tree (ANTLR recovered) is still checked so
   * that one run reports a misspelt statement and a duplicate query too. A tree with error nodes
   * may lack children the builder expects; what it cannot build is simply not checked.
   */
  private static <C extends ParserRuleContext, T> void alsoCheck(
      String source, C tree, BiFunction<AstBuilder, C, T> build, List<Diagnostic> diagnostics, int from) {
    List<Diagnostic> more = new ArrayList<>();
    try {
      build.apply(new AstBuilder(source, more), tree);
    } catch (RuntimeException incompleteTree) {
      // Partial results are kept; the syntax errors already explain the input.
    }
    diagnostics.addAll(more);
    List<Diagnostic> sorted = new ArrayList<>(diagnostics.subList(from, diagnostics.size()));
    sorted.sort(java.util.Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
    diagnostics.subList(from, diagnostics.size()).clear();
    diagnostics.addAll(sorted.stream().distinct().toList());
  }

  private static <C extends ParserRuleContext, T> T parse(
      String source,
      int line,
      String text,
      boolean lineMode,
      boolean concrete,
      List<Diagnostic> diagnostics,
      Function<XtalParser, C> rule,
      BiFunction<AstBuilder, C, T> build) {
    XtalLexer lexer = new XtalLexer(CharStreams.fromString(text, source));
    lexer.removeErrorListeners();
    lexer.setLine(line);
    XtalParser parser = new XtalParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    C tree;
    try {
      // Stage 1: SLL, bail out at the first problem.
      parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
      parser.setErrorHandler(new BailErrorStrategy());
      tree = rule.apply(parser);
    } catch (ParseCancellationException sllFailed) {
      // Stage 2: full LL with our error messages; also catches the rare SLL false alarm.
      parser.reset(); // rewinds the token stream; the tokens already read are kept
      parser.setInterpreter(new PreciseSimulator(parser));
      // Wildcards make a template ambiguous (is this '?' a coordinate or the next letter?), and
      // full-LL prediction then looks ahead to the end of the line at every site: quadratic, and
      // seconds on a long line of '?'. SLL settles such a conflict at once, the same way (the
      // first, greedy alternative), so templates with wildcards are reported in SLL mode.
      parser.getInterpreter()
          .setPredictionMode(text.indexOf('?') >= 0 ? PredictionMode.SLL : PredictionMode.LL);
      SyntaxErrors errors = new SyntaxErrors(source, lineMode, concrete, diagnostics);
      parser.setErrorHandler(errors);
      parser.addErrorListener(errors.listener());
      int before = diagnostics.size();
      try {
        tree = rule.apply(parser);
      } catch (SyntaxErrors.Stop stop) {
        return null;
      }
      if (diagnostics.size() > before) {
        if (!lineMode) alsoCheck(source, tree, build, diagnostics, before);
        return null;
      }
    }
    int before = diagnostics.size();
    T value = build.apply(new AstBuilder(source, diagnostics), tree);
    return diagnostics.size() > before ? null : value;
  }
}
