package xtal.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.tests.Cli.Result;

/**
 * {@code xtalc parse} end to end, through the real command line: canonical output, positioned
 * errors on standard error, recovery to the next line and file, exit codes, and no stack trace
 * for anything a user can type or feed it.
 */
class ParseCommandTest {

  @TempDir Path dir;

  static Result xtalcWithStdin(String stdin, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return xtalc(args);
    } finally {
      System.setIn(saved);
    }
  }

  private Path file(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  private Path file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theReadmeMainCommandPrintsTheCanonicalSentences() throws IOException {
    Result r = xtalc("parse", "../examples/sentences.txt");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> expected =
        Files.readAllLines(Path.of("../examples/sentences.txt")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(r.out().lines().toList()).isEqualTo(expected);
  }

  @Test
  void everyExampleFileParses() throws IOException {
    List<String> args = new ArrayList<>(List.of("parse", "--quiet"));
    try (Stream<Path> s = Files.list(Path.of("../examples"))) {
      s.sorted().map(Path::toString).forEach(args::add);
    }
    Result r = xtalc(args.toArray(String[]::new));
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void errorsArePositionedAndParsingGoesOn() throws IOException {
    Path f = file("mixed.txt", "225-a-Na-b-Cl-X-5.69\r\n225-a-Na-b-Cl\r\n\r\n227-a-Si-X-5.4687\r\n225-a-La-1/0-X-5\r\n");
    Result r = xtalc("parse", f.toString());
    assertThat(r.code()).isEqualTo(65);
    assertThat(r.out().lines()).containsExactly("225-a-Na-b-Cl-X-5.69", "227-a-Si-X-5.4687");
    assertThat(r.err().lines())
        .containsExactly(
            f + ":2:14: expected '-' or ')', found end of line",
            f + ":5:10: the fraction 1/0 divides by zero");
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheSentence() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "225-a-Na-b-Cl-X-5.69\n".getBytes(StandardCharsets.UTF_8);
    byte[] both = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, both, 0, 3);
    System.arraycopy(text, 0, both, 3, text.length);
    Result r = xtalc("parse", file("bom.txt", both).toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("225-a-Na-b-Cl-X-5.69\n");
  }

  @Test
  void emptyBinaryAndUnreadableInputsAreReportedAndTheRestIsParsed() throws IOException {
    Path empty = file("empty.txt", "");
    Path binary = file("garbage.bin", new byte[] {'2', '2', '5', 0, (byte) 0xFF, 1, 2, 3});
    Path good = file("good.txt", "221-a-Ba-b-Ti-c-O-X-4.0356\n");
    String missing = dir.resolve("missing.txt").toString();
    Result r = xtalc("parse", empty.toString(), binary.toString(), missing, dir.toString(), good.toString());
    assertThat(r.code()).as("a file that cannot be read: sysexits' EX_NOINPUT").isEqualTo(66);
    assertThat(r.out()).isEqualTo("221-a-Ba-b-Ti-c-O-X-4.0356\n");
    assertThat(r.err().lines())
        .containsExactly(
            empty + ": empty: no sentence or template to parse",
            binary + ":1:4: binary data (a NUL byte); expected crystal sentences, templates or a .xtal file",
            missing + ": cannot read: no such file",
            dir + ": cannot read: is a directory");
  }

  @Test
  void xtalFilesAreParsedWholeByExtensionOrContent() throws IOException {
    Path byContent = file("query.txt", "# a query\nquery q {\n  sites <= 4\n  charge-balanced\n}\n");
    Result r = xtalc("parse", byContent.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("query q {\n    sites <= 4\n    charge-balanced\n}\n");

    Path bad = file("bad.xtal", "query q {\n  formual AB\n  sites <= 4\n");
    r = xtalc("parse", bad.toString());
    assertThat(r.code()).isEqualTo(65);
    assertThat(r.err().lines())
        .containsExactly(
            bad + ":2:3: unknown statement 'formual'; did you mean 'formula'?",
            bad + ":4:1: expected a statement (structure, formula, contains, only, exclude, count,"
                + " distinct-elements, charge-balanced, smact-valid, atoms, sites, sample) or '}', found end of file");
  }

  @Test
  void standardInput() {
    Result r = xtalcWithStdin("225-a-?-X-?\n225-a-\n", "parse", "-");
    assertThat(r.code()).isEqualTo(65);
    assertThat(r.out()).isEqualTo("225-a-?-X-?\n");
    assertThat(r.err()).isEqualTo("<stdin>:2:7: expected an element symbol, '?', '[' or '$', found end of line\n");
  }

  @Test
  void sentencesOnlyRefusesTemplates() throws IOException {
    Result r = xtalc("parse", "--sentences", file("t.txt", "225-a-?-X-5\n").toString());
    assertThat(r.code()).isEqualTo(65);
    assertThat(r.err()).endsWith(":1:7: a crystal sentence cannot contain a wildcard; use a template query\n");
  }

  @Test
  void usageErrorsExitWith64() {
    Result r = xtalc("parse", "--no-such-option", "x");
    assertThat(r.code()).isEqualTo(64);
    assertThat(r.err()).contains("Unknown option: '--no-such-option'");
    assertThat(xtalc("parse").code()).isEqualTo(64);
  }

  @Test
  void aTenMegabyteLineIsAnErrorNotAHang() throws IOException {
    String line = "225-a-La-0-0-0-".repeat(10 * 1024 * 1024 / 15) + "X-5";
    Path big = file("big.txt", line + "\n227-a-Si-X-5.4687\n");
    long t0 = System.nanoTime();
    Result r = xtalc("parse", big.toString());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).isLessThan(10_000);
    assertThat(r.code()).isEqualTo(65);
    assertThat(r.out()).isEqualTo("227-a-Si-X-5.4687\n");
    assertThat(r.err()).startsWith(big + ":1:100001: line too long: " + line.length() + " characters");
    assertThat(r.err().length()).isLessThan(500);
  }
}
