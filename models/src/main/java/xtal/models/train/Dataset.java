package xtal.models.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xtal.grammar.Diagnostic;
import xtal.models.seq.Encoded;
import xtal.models.seq.Encoder;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.io.SentenceTable;

/**
 * Crystals read from a sentences file: either the reference CSV ({@code material_id, spacegroup,
 * natoms, nsites, sentence}, header first) or plain text with one sentence per line. Every line is
 * parsed and checked by the stdlib; lines that fail, or that the rule set rejects, are skipped and
 * reported with their position.
 *
 * @param crystals the checked crystals, in file order
 * @param encoded their encodings, same order
 * @param lines the 1-based line number of each crystal
 * @param sentences the sentence text of each crystal, as written
 * @param problems one message per skipped line, {@code FILE:LINE:COL: message}
 */
public record Dataset(
    String source, List<Crystal> crystals, List<Encoded> encoded, List<Integer> lines, List<String> sentences, List<String> problems) {

  /** Reads and encodes a file. */
  public static Dataset read(Path file, Encoder encoder) throws IOException {
    return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8), encoder);
  }

  /** Parses lines: a CSV with a {@code sentence} column if the first line is such a header, else one sentence per line. */
  public static Dataset parse(String source, List<String> lines, Encoder encoder) {
    List<Crystal> crystals = new ArrayList<>();
    List<Encoded> encoded = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    // the one reader every command uses (xtal.stdlib.io.SentenceTable): plain lines or a CSV's sentence column
    SentenceTable.Result table = SentenceTable.sentences(source, String.join("\n", lines));
    for (Diagnostic d : table.problems()) problems.add(d.format());
    for (SentenceTable.Entry e : table.entries()) {
      String text = e.text();
      int offset = e.column();
      int i = e.line() - 1;
      CheckResult r = SentenceChecker.check(source, i + 1, text.strip());
      if (r.crystal().isEmpty()) {
        Diagnostic d = r.diagnostics().isEmpty() ? null : r.diagnostics().get(0);
        problems.add(d == null ? source + ":" + (i + 1) + ":1: not a crystal sentence" : shift(d, offset + leading(text)));
        continue;
      }
      switch (encoder.encode(r.crystal().get())) {
        case Encoder.Ok ok -> {
          crystals.add(r.crystal().get());
          encoded.add(ok.encoded());
          lineNumbers.add(i + 1);
          texts.add(text.strip());
        }
        case Encoder.Rejected no -> problems.add(source + ":" + (i + 1) + ":" + (offset + 1) + ": " + no.reason());
      }
    }
    return new Dataset(source, List.copyOf(crystals), List.copyOf(encoded), List.copyOf(lineNumbers), List.copyOf(texts), List.copyOf(problems));
  }

  private static int leading(String s) {
    int n = 0;
    while (n < s.length() && Character.isWhitespace(s.charAt(n))) n++;
    return n;
  }

  /** The diagnostic with its column moved to where the sentence starts in the line. */
  private static String shift(Diagnostic d, int offset) {
    return d.source() + ":" + d.line() + ":" + (d.column() + offset) + ": " + d.message();
  }

  public int size() {
    return encoded.size();
  }
}
