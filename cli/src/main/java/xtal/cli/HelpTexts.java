package xtal.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How the help reads. Command descriptions are written in the sources as arrays of lines, but
 * those breaks are only source wrapping: picocli would print each line as its own line and then
 * wrap it again at the terminal width, and the command list would show the first line, cut
 * mid-sentence. So every description is joined into paragraphs picocli wraps itself (a line
 * starting "Exit status" opens a new one), the command list shows the first sentence, and every
 * command ends with an Examples section. Also where the progress bars go.
 */
final class HelpTexts {
  private HelpTexts() {}

  /** Examples per command: the line as typed, then what it does. */
  static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
      Map.entry("parse", List.of(
          "xtalc parse examples/sentences.txt", "canonical form of every line",
          "xtalc parse --sentences --quiet data.txt", "errors only; every line must be a concrete sentence",
          "echo '225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.6' | xtalc parse -", "from standard input")),
      Map.entry("check", List.of(
          "xtalc check examples/sentences.txt", "formula, atoms and volume per sentence",
          "xtalc check -v crystals.sentences.csv", "also density, shortest distance, canonical form")),
      Map.entry("group", List.of(
          "xtalc group 225", "the Wyckoff table of Fm-3m",
          "xtalc group P2_1/c --ops", "by symbol, with the operations of the general position")),
      Map.entry("cif", List.of(
          "xtalc cif examples/sentences.txt -o cifs", "one CIF per sentence",
          "xtalc cif crystals.sentences.csv -o cifs --p1", "every atom, identity operation only",
          "xtalc cif examples/sentences.txt -o vasp --format poscar", "POSCAR files instead")),
      Map.entry("compile", List.of(
          "xtalc compile examples/double-perovskites.xtal -o dp.xtalc", "compile once, sample or match many times",
          "xtalc compile '{cubic}-a-[alkali]-0-0-0-X-?'", "an inline template: print the automaton's size")),
      Map.entry("explain", List.of(
          "xtalc explain dp.xtalc", "states, allowed tokens and slot rules",
          "xtalc explain examples/spinels.xtal --dot spinels.dot", "also as a Graphviz graph")),
      Map.entry("match", List.of(
          "xtalc match '{cubic}-(?-?-?-?-?)+-X-?' crystals.sentences.csv", "the cubic crystals of a file",
          "xtalc match -c -v examples/spinels.xtal examples/sentences.txt", "count those that do not match")),
      Map.entry("train", List.of(
          "xtalc train --config models/mp20/train.json", "reproduce the shipped model",
          "xtalc train --config my.json --max-minutes 30 --output models/mine", "a shorter run, exported elsewhere")),
      Map.entry("score", List.of(
          "xtalc score examples/sentences.txt", "NLL per sentence under the shipped model",
          "xtalc score val.sentences.csv -k --model models/mine", "split by token kind, another model")),
      Map.entry("sample", List.of(
          "xtalc sample examples/double-perovskites.xtal", "the query file's settings (200 crystals)",
          "xtalc sample '225-a-[alkali]-0-0-0-b-[halogen]-1/2-1/2-1/2-X-?' -n 5 --format cif,jsonl", "an inline template",
          "xtalc sample q.xtal -n 100 --seed 7 --format pymatgen,extxyz -o out/q", "files Python loads in one line")),
      Map.entry("import", List.of(
          "xtalc import rutile.cif", "one 'ID<TAB>SENTENCE' line per data block",
          "xtalc import POSCAR CONTCAR --symprec 0.05", "a looser tolerance for relaxed cells",
          "xtalc import BaTiO3.cif --template --wildcard Ba", "a query for 'xtalc sample'")),
      Map.entry("eval", List.of(
          "xtalc eval out/s1000 -o out/s1000/eval", "validity, coverage, property distributions of a sample run",
          "xtalc eval samples.csv --train train.csv --reference none", "novelty against another training set")),
      Map.entry("csp", List.of(
          "xtalc csp Li3PS4", "ranked candidate structures for a composition",
          "xtalc csp SrTiO3 --atoms 5 -n 5 -o out/srtio3", "with the atom count per primitive cell",
          "xtalc csp --input compositions.csv --seed 1 -o out/csp", "many compositions (material_id,formula[,atoms])")),
      Map.entry("property", List.of(
          "xtalc property predict models/properties/perov5-heat_ref examples/sentences.txt", "a predicted value per crystal",
          "xtalc property train --data train.csv --column heat_ref -o my-model", "train a regressor on labelled crystals")),
      Map.entry("design", List.of(
          "xtalc design examples/design-low-heat-perovskites.xtal --property models/properties/perov5-heat_ref --minimize",
          "the file's query and settings, lowest predicted heat of formation",
          "xtalc design q.xtal --property models/properties/perov5-ind_gap --range 1.2..1.6 -n 20 -o out/d", "a band-gap window")));

  /** Applies the above to every subcommand of {@code cli}. */
  static void apply(CommandLine cli) {
    cli.setUsageHelpAutoWidth(true);
    for (CommandLine sub : cli.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      UsageMessageSpec usage = spec.usageMessage();
      String[] paragraphs = paragraphs(usage.description());
      if (paragraphs.length == 0) continue;
      usage.description(paragraphs);
      if (usage.header().length == 0) {
        // the command list shows the header; the command's own help opens with the description
        usage.header(firstSentence(paragraphs[0]));
        List<String> keys = new ArrayList<>(sub.getHelpSectionKeys());
        keys.remove(UsageMessageSpec.SECTION_KEY_HEADER);
        sub.setHelpSectionKeys(keys);
      }
      List<String> ex = EXAMPLES.get(spec.name());
      if (ex != null && usage.footer().length == 0) {
        usage.footerHeading("%nExamples:%n");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i + 1 < ex.size(); i += 2) lines.add("  " + ex.get(i) + "%n      " + ex.get(i + 1) + (i + 2 < ex.size() ? "" : "%n"));
        usage.footer(lines.toArray(String[]::new));
      }
    }
  }

  /** Source lines joined into paragraphs; "Exit status…" starts a paragraph of its own. */
  static String[] paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String l : lines) {
      String t = l.strip();
      if (t.isEmpty() || t.startsWith("Exit status")) {
        if (!cur.isEmpty()) out.add(cur.toString());
        cur.setLength(0);
      }
      if (!t.isEmpty()) cur.append(cur.isEmpty() ? "" : " ").append(t);
    }
    if (!cur.isEmpty()) out.add(cur.toString());
    return out.toArray(String[]::new);
  }

  /** Up to the first full stop followed by a space, or the whole paragraph. */
  static String firstSentence(String p) {
    int i = p.indexOf(". ");
    return i < 0 ? p : p.substring(0, i + 1);
  }

  /**
   * Whether standard error is a terminal, so progress bars are drawn there even when standard
   * output is redirected. The launchers test it ({@code [ -t 2 ]}) and pass {@code
   * -Dxtal.stderr.tty}; without them Java can only tell whether the JVM has an interactive console.
   */
  static boolean stderrIsTerminal() {
    String p = System.getProperty("xtal.stderr.tty");
    if (p != null) return Boolean.parseBoolean(p);
    java.io.Console c = System.console();
    return c != null && c.isTerminal();
  }
}
