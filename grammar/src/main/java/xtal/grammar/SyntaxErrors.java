package xtal.grammar;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNConfig;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import xtal.grammar.antlr.XtalParser;

/**
 * Turns ANTLR's syntax errors into {@link Diagnostic}s that say what was expected and what was
 * found, in words a user knows ("expected a number, a Wyckoff letter or 'X', found '@'"). Replaces
 * ANTLR's default listeners, which print to stderr.
 *
 * <p>In line mode (one sentence or template per line) only the first error of a line is
 * reported: later ones are consequences of the first. In file mode ANTLR's recovery goes on and
 * reports up to {@link #MAX_ERRORS} errors.
 */
final class SyntaxErrors extends DefaultErrorStrategy {

  /** Errors reported per source before giving up on it. */
  static final int MAX_ERRORS = 50;

  /** How much of an offending token is echoed: a 10 MB token must not make a 10 MB message. */
  static final int ECHO_LIMIT = 24;

  /** Thrown to stop parsing once enough has been reported. */
  static final class Stop extends ParseCancellationException {
    Stop() {
      super("stop");
    }
  }

  private final String source;
  private final boolean lineMode;
  private final boolean concrete;
  private final List<Diagnostic> diagnostics;

  /**
   * @param lineMode stop after the first error and call the end of input "end of line"
   * @param concrete a concrete sentence is expected: template-only tokens are not suggested
   */
  SyntaxErrors(String source, boolean lineMode, boolean concrete, List<Diagnostic> diagnostics) {
    this.source = source;
    this.lineMode = lineMode;
    this.concrete = concrete;
    this.diagnostics = diagnostics;
  }

  /** A listener that routes every ANTLR report here (the strategy below builds the messages). */
  BaseErrorListener listener() {
    return new BaseErrorListener() {
      @Override
      public void syntaxError(
          Recognizer<?, ?> recognizer,
          Object offendingSymbol,
          int line,
          int charPositionInLine,
          String msg,
          RecognitionException e) {
        int length = 1;
        if (offendingSymbol instanceof Token t && t.getType() != Token.EOF) {
          length = Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
        }
        add(new Diagnostic(source, line, charPositionInLine + 1, length, Diagnostic.Severity.ERROR, msg));
      }
    };
  }

  private void add(Diagnostic d) {
    if (diagnostics.size() >= MAX_ERRORS) throw new Stop();
    diagnostics.add(d);
    if (diagnostics.size() == MAX_ERRORS) {
      diagnostics.add(
          new Diagnostic(source, d.line(), d.column(), 0, Diagnostic.Severity.ERROR,
              "too many errors; stopping here"));
      throw new Stop();
    }
  }

  private void report(Parser p, Token at, String message) {
    p.notifyErrorListeners(at, message, null);
    if (lineMode) throw new Stop();
  }

  @Override
  protected void reportNoViableAlternative(Parser p, NoViableAltException e) {
    report(p, e.getOffendingToken(), expectedFound(expectedAt(p, e), e.getOffendingToken()));
  }

  @Override
  protected void reportInputMismatch(Parser p, InputMismatchException e) {
    report(p, e.getOffendingToken(), expectedFound(e.getExpectedTokens(), e.getOffendingToken()));
  }

  @Override
  protected void reportFailedPredicate(Parser p, FailedPredicateException e) {
    report(p, e.getOffendingToken(), "unexpected " + found(e.getOffendingToken()));
  }

  @Override
  protected void reportUnwantedToken(Parser p) {
    if (inErrorRecoveryMode(p)) return;
    beginErrorCondition(p);
    Token t = p.getCurrentToken();
    report(p, t, expectedFound(getExpectedTokens(p), t));
  }

  @Override
  protected void reportMissingToken(Parser p) {
    if (inErrorRecoveryMode(p)) return;
    beginErrorCondition(p);
    Token t = p.getCurrentToken();
    report(p, t, expectedFound(getExpectedTokens(p), t));
  }

  /**
   * The tokens that would have been accepted where prediction failed. ANTLR's own
   * {@code getExpectedTokens()} describes the start of the decision, which for a two-token
   * decision ({@code -} then a letter or a number) is one token too early; the ATN
   * configurations that were still alive just before the offending token say it exactly.
   */
  private static IntervalSet expectedAt(Parser p, NoViableAltException e) {
    if (e.getDeadEndConfigs() == null) return e.getExpectedTokens();
    ATN atn = p.getATN();
    IntervalSet set = new IntervalSet();
    for (ATNConfig c : e.getDeadEndConfigs()) {
      if (c.state instanceof RuleStopState) {
        set.addAll(atn.getExpectedTokens(c.state.stateNumber, p.getContext()));
        continue;
      }
      for (Transition t : c.state.getTransitions()) {
        if (!t.isEpsilon() && t.label() != null) set.addAll(t.label());
      }
    }
    return set.isNil() ? e.getExpectedTokens() : set;
  }

  private String expectedFound(IntervalSet expected, Token found) {
    String message = "expected " + describe(expected) + ", found " + found(found);
    // "contains O H": an element where a statement should start is most likely a missing comma.
    if (found != null && found.getType() == XtalParser.ELEMENT && expected.contains(XtalParser.CHARGE_BALANCED)) {
      message += "; separate the elements of a list with ','";
    }
    return message;
  }

  private String found(Token t) {
    if (t == null || t.getType() == Token.EOF) return endName();
    if (t.getText().equals("\uFFFD")) return "bytes that are not UTF-8 text";
    if (t.getType() == XtalParser.UNTERMINATED_STRING) {
      return "a string without its closing quote " + echo(t.getText());
    }
    String text = echo(t.getText());
    if (t.getType() != XtalParser.UNKNOWN) return text;
    // Word processors turn '-' into dashes and minus signs that look the same.
    boolean dash = "\u2010\u2011\u2012\u2013\u2014\u2212".indexOf(t.getText().charAt(0)) >= 0;
    return "unexpected character " + text + (dash ? " (a typographic dash; write '-')" : "");
  }

  private String endName() {
    return lineMode ? "end of line" : "end of file";
  }

  /** The token text in quotes, control characters escaped, cut at {@link #ECHO_LIMIT}. */
  static String echo(String text) {
    StringBuilder b = new StringBuilder("'");
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (++n > ECHO_LIMIT) {
        b.append('…');
        break;
      }
      if (cp == '\'') b.append("\\'");
      else if (cp < 0x20 || cp == 0x7f || cp == 0xfeff || cp == 0xfffd || invisible(cp)) {
        b.append(String.format(cp > 0xffff ? "\\U%06X" : "\\u%04X", cp));
      } else b.appendCodePoint(cp);
    }
    return b.append('\'').toString();
  }

  /** Code points that would not show: controls, zero-width and bidi marks, separators, non-ASCII spaces. */
  private static boolean invisible(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.SURROGATE -> true;
      case Character.SPACE_SEPARATOR -> cp != ' ';
      default -> false;
    };
  }

  private static final Set<Integer> TEMPLATE_ONLY =
      Set.of(XtalParser.QMARK, XtalParser.LBRACK, XtalParser.LPAREN, XtalParser.RPAREN, XtalParser.LBRACE,
          XtalParser.DOLLAR);

  /** A token set in words: {@code a number, a Wyckoff letter or 'X'}. */
  String describe(IntervalSet expected) {
    List<Integer> types = new ArrayList<>(expected.toList());
    if (concrete) {
      List<Integer> kept = types.stream().filter(t -> !TEMPLATE_ONLY.contains(t)).toList();
      if (!kept.isEmpty()) types = new ArrayList<>(kept);
    }
    Set<String> words = new LinkedHashSet<>();
    boolean statements = types.contains(XtalParser.CHARGE_BALANCED); // not a word: a statement is due
    boolean settings = types.contains(XtalParser.TOP_P); // likewise for a sample setting
    boolean names = types.contains(XtalParser.IDENT);
    if (names && types.contains(XtalParser.END_X) && types.contains(XtalParser.LETTER)
        && !types.contains(XtalParser.STRING)) {
      // A $-name or prototype parameter: X, A, B', La are all just names there.
      types.removeAll(List.of(XtalParser.END_X, XtalParser.ELEMENT, XtalParser.CAP_A, XtalParser.LETTER));
    }
    if (statements) {
      words.add("a statement (structure, formula, contains, only, exclude, count, distinct-elements,"
          + " charge-balanced, smact-valid, atoms, sites, sample)");
    }
    if (settings) words.add("a setting (count, temperature, top-p, seed, format, output)");
    for (int t : types) {
      String w = word(t, types, statements || settings, names);
      if (w != null) words.add(w);
    }
    List<String> list = new ArrayList<>(words);
    if (list.isEmpty()) return "something else";
    if (list.size() == 1) return list.getFirst();
    return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.getLast();
  }

  private String word(int t, List<Integer> all, boolean keywordsCovered, boolean names) {
    boolean keyword = t >= XtalParser.QUERY && t <= XtalParser.OUTPUT;
    if (keyword && (keywordsCovered || names)) return null;
    return switch (t) {
      case Token.EOF -> endName();
      case XtalParser.DECIMAL, XtalParser.FRACTION -> "a number";
      case XtalParser.LETTER -> names ? null : "a Wyckoff letter";
      case XtalParser.CAP_A ->
          all.contains(XtalParser.LETTER) || all.contains(XtalParser.ELEMENT) ? null : "'A'";
      case XtalParser.ELEMENT -> "an element symbol";
      case XtalParser.IDENT -> keywordsCovered ? null : "a name";
      case XtalParser.STRING -> "a quoted string";
      case XtalParser.UNKNOWN -> null;
      default -> {
        String literal = XtalParser.VOCABULARY.getLiteralName(t);
        yield literal != null ? literal : XtalParser.VOCABULARY.getDisplayName(t);
      }
    };
  }
}
