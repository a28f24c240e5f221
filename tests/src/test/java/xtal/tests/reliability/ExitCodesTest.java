package xtal.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.cli.Xtalc;
import xtal.tests.Cli.Result;

/** One exit-code table for every command: each command run on bad input, a missing file and a bad option. */
class ExitCodesTest {
  @TempDir Path dir;

  static final List<String> COMMANDS = List.of("parse", "check", "group", "cif", "compile", "explain", "match", "train", "score", "sample", "import", "eval");

  @Test
  void badInputIs65Everywhere() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.txt"), "225-a-\n");
    Path badCif = Files.writeString(dir.resolve("bad.cif"), "data_x\n_cell_length_a 5\n");
    Path noColumn = Files.writeString(dir.resolve("nocol.csv"), "id,formula\n1,NaCl\n");
    Path badConfig = Files.writeString(dir.resolve("bad.json"), "{\"batchSize\": -1}");
    Path badQuery = Files.writeString(dir.resolve("bad.xtal"), "query q {\n  formual AB\n}\n");
    List<String[]> runs = List.of(
        new String[] {"parse", bad.toString()},
        new String[] {"check", bad.toString()},
        new String[] {"cif", bad.toString(), "-o", dir.resolve("c").toString()},
        new String[] {"compile", badQuery.toString()},
        new String[] {"explain", badQuery.toString()},
        new String[] {"match", "225-?-?-?-?-?-X-?", bad.toString()},
        new String[] {"score", bad.toString()},
        new String[] {"sample", badQuery.toString(), "-o", dir.resolve("s").toString()},
        new String[] {"import", badCif.toString()},
        new String[] {"eval", noColumn.toString(), "--train", "none", "--reference", "none"},
        new String[] {"train", "--config", badConfig.toString()});
    for (String[] args : runs) {
      Result r = xtalc(args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(Xtalc.DATA_ERROR);
    }
  }

  @Test
  void aMissingInputIs66Everywhere() {
    String missing = dir.resolve("missing.txt").toString();
    List<String[]> runs = List.of(
        new String[] {"parse", missing},
        new String[] {"check", missing},
        new String[] {"cif", missing, "-o", dir.resolve("c").toString()},
        new String[] {"compile", dir.resolve("missing.xtal").toString()},
        new String[] {"explain", dir.resolve("missing.xtal").toString()},
        new String[] {"match", "225-?-?-?-?-?-X-?", missing},
        new String[] {"score", missing},
        new String[] {"sample", dir.resolve("missing.xtal").toString()},
        new String[] {"sample", "225-a-Na-0-0-0-X-?", "--model", dir.resolve("nomodel").toString(), "-o", dir.resolve("s").toString()},
        new String[] {"import", missing},
        new String[] {"eval", missing},
        new String[] {"train", "--config", missing});
    for (String[] args : runs) {
      Result r = xtalc(args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(Xtalc.NO_INPUT);
      assertThat(r.err()).as(String.join(" ", args)).containsAnyOf("missing", "nomodel");
    }
  }

  @Test
  void usageErrorsAre64AndEveryHelpShowsTheTable() {
    for (String c : COMMANDS) {
      Result r = xtalc(c, "--no-such-option");
      assertThat(r.code()).as(c).isEqualTo(Xtalc.USAGE);
      Result help = xtalc(c, "--help");
      assertThat(help.code()).as(c).isZero();
      assertThat(help.out()).as(c).contains("Exit status:").contains("64").contains("65").contains("66").contains("70").contains("73");
    }
    assertThat(xtalc("group", "999").code()).isEqualTo(Xtalc.USAGE);
  }

  @Test
  void anOutputThatCannotBeCreatedIs73() throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    Path good = Files.writeString(dir.resolve("good.txt"), "225-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-5.64\n");
    Result cif = xtalc("cif", good.toString(), "-o", file.toString());
    assertThat(cif.code()).as(cif.err()).isEqualTo(Xtalc.CANT_CREATE);
    assertThat(cif.err()).contains(file.toString()).contains("not a directory");
    Result compile = xtalc("compile", "225-a-Na-0-0-0-X-?", "-o", file.resolve("q.xtalc").toString());
    assertThat(compile.code()).as(compile.err()).isEqualTo(Xtalc.CANT_CREATE);
    Result eval = xtalc("eval", good.toString(), "--train", "none", "--reference", "none", "-o", file.toString());
    assertThat(eval.code()).as(eval.err()).isEqualTo(Xtalc.CANT_CREATE);
  }
}
