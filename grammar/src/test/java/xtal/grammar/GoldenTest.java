package xtal.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden tests of the language, one runner for all: every file under
 * {@code src/test/resources/golden/ok} and {@code …/error} is parsed, and what comes out —
 * the canonical form of what parsed, {@code FILE:LINE:COL: message} for what did not — must equal
 * the file's {@code .expected} twin. {@code .xtal} files are parsed whole; other files line by
 * line (blank and {@code #} lines skipped), as templates, or as concrete sentences when the name
 * ends in {@code .sentence.txt}. Files under {@code ok/} must produce no diagnostic, files under
 * {@code error/} at least one.
 *
 * <p>To accept new outputs after reviewing them: {@code mvn -pl grammar test -Dtest=GoldenTest
 * -Dxtal.golden.update=true}.
 */
class GoldenTest {

  static final Path ROOT = Path.of("src/test/resources/golden");

  @TestFactory
  Stream<DynamicTest> golden() throws IOException {
    List<Path> inputs;
    try (Stream<Path> files = Files.walk(ROOT)) {
      inputs = files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".expected")).sorted().toList();
    }
    assertThat(inputs).hasSizeGreaterThan(40);
    return inputs.stream().map(p -> DynamicTest.dynamicTest(ROOT.relativize(p).toString(), () -> check(p)));
  }

  private static void check(Path input) throws IOException {
    String name = ROOT.relativize(input).toString().replace('\\', '/');
    Run run = run(name, Files.readAllBytes(input));
    Path expectedFile = input.resolveSibling(input.getFileName() + ".expected");
    if (Boolean.getBoolean("xtal.golden.update")) Files.writeString(expectedFile, run.output);
    assertThat(Files.exists(expectedFile)).as("%s has an .expected file", name).isTrue();
    assertThat(run.output).as(name).isEqualTo(Files.readString(expectedFile));
    if (name.startsWith("ok/")) assertThat(run.errors).as("errors in %s", name).isZero();
    else assertThat(run.errors).as("errors in %s", name).isPositive();
  }

  record Run(String output, int errors) {}

  /** Parses like {@code xtalc parse} and writes what it prints, standard output and error merged. */
  static Run run(String name, byte[] bytes) throws IOException {
    String text =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    StringBuilder out = new StringBuilder();
    int errors = 0;
    if (name.endsWith(".xtal")) {
      ParseResult<?> r = CrystalParser.parseFile(name, text);
      if (r.ok()) {
        String printed = Printer.print((xtal.grammar.ast.XtalFile) r.value());
        out.append(printed);
        // The canonical form parses to the same AST and prints to itself.
        ParseResult<xtal.grammar.ast.XtalFile> again = CrystalParser.parseFile(name, printed);
        assertThat(again.diagnostics()).isEmpty();
        assertThat(again.value()).isEqualTo(r.value());
        assertThat(Printer.print(again.value())).isEqualTo(printed);
      }
      for (Diagnostic d : r.diagnostics()) out.append(d.format()).append('\n');
      return new Run(out.toString(), r.errors().size());
    }
    boolean concrete = name.endsWith(".sentence.txt");
    List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String s = line.strip().replace("\uFEFF", "");
      if (s.isEmpty() || s.startsWith("#")) continue;
      ParseResult<?> r =
          concrete
              ? CrystalParser.parseSentence(name, i + 1, line)
              : CrystalParser.parseTemplate(name, i + 1, line);
      if (r.ok()) {
        String printed =
            concrete
                ? Printer.print((xtal.grammar.ast.Sentence) r.value())
                : Printer.print((xtal.grammar.ast.Template) r.value());
        out.append(printed).append('\n');
        Object again =
            concrete
                ? CrystalParser.parseSentence(name, printed).orElseThrow()
                : CrystalParser.parseTemplate(name, printed).orElseThrow();
        assertThat(again).isEqualTo(r.value());
      }
      for (Diagnostic d : r.diagnostics()) out.append(d.format()).append('\n');
      errors += r.errors().size();
    }
    return new Run(out.toString(), errors);
  }
}
