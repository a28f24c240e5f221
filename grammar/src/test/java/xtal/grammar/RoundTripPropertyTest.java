package xtal.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import xtal.grammar.ast.Template;

/**
 * Random well-formed templates, written with random spacing and in non-canonical spellings
 * ({@code [?]}, {@code $A=?}, {@code {0,}}): each parses, its canonical form parses to an equal
 * AST, and printing is idempotent.
 */
class RoundTripPropertyTest {

  private final Random random = new Random(20261122);

  private <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }

  private String sep() {
    return random.nextInt(8) == 0 ? " - " : "-";
  }

  private String group() {
    return pick(new String[] {"225", "1", "47", "?", "[?]", "[221|225|229]", "{cubic}", "{trigonal}"});
  }

  private String letter() {
    return pick(new String[] {"a", "b", "z", "A", "?", "[?]", "[a|b|c]", "[!a]"});
  }

  private int bindings;

  private String element() {
    return switch (random.nextInt(9)) {
      case 0 -> "La";
      case 1 -> "O";
      case 2 -> "?";
      case 3 -> "[?]";
      case 4 -> "[La|Ce|lanthanide]";
      case 5 -> "[!O|F]";
      case 6 -> "[transition-metal|alkaline-earth]";
      case 7 -> "$B" + (bindings++) + pick(new String[] {"", "=?", "=[Li|Na]", "=Fe"});
      default -> bindings > 0 ? "$B" + random.nextInt(bindings) : "H";
    };
  }

  private String number() {
    return pick(new String[] {"0", "0.25", "1/4", "3/8", "?", "[?]", "[0.1..0.3]", "[0..1/2]", "5.1", "90"});
  }

  private String site() {
    StringBuilder b = new StringBuilder(letter()).append(sep()).append(element());
    int coordinates = random.nextInt(4);
    for (int i = 0; i < coordinates; i++) b.append(sep()).append(number());
    return b.toString();
  }

  private String pattern(int depth) {
    if (depth > 2 || random.nextInt(4) != 0) return site();
    StringBuilder b = new StringBuilder("(");
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) b.append(i == 0 ? "" : sep()).append(pattern(depth + 1));
    return b.append(')').append(pick(new String[] {"", "*", "+", "?", "{2}", "{1,3}", "{2,}", "{0,}", "{1,1}"})).toString();
  }

  private String template() {
    bindings = 0;
    StringBuilder b = new StringBuilder(group());
    int sites = random.nextInt(5);
    for (int i = 0; i < sites; i++) b.append(sep()).append(pattern(0));
    b.append(sep()).append('X');
    int lattice = random.nextInt(7);
    for (int i = 0; i < lattice; i++) b.append(sep()).append(number());
    return b.toString();
  }

  @Test
  void randomTemplatesRoundTrip() {
    for (int i = 0; i < 2_000; i++) {
      String text = template();
      // Every generated text is a valid template: where a '?' could be a coordinate or the next
      // letter, ANTLR's lookahead takes the coordinate unless only the other reading parses.
      ParseResult<Template> r = CrystalParser.parseTemplate("random", text);
      assertThat(r.diagnostics()).as(text).isEmpty();
      String printed = Printer.print(r.value());
      Template again = CrystalParser.parseTemplate("printed", printed).orElseThrow();
      assertThat(again).as(text + " → " + printed).isEqualTo(r.value());
      assertThat(Printer.print(again)).isEqualTo(printed);
    }
  }
}
