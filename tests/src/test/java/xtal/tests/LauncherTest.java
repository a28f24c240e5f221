package xtal.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/xtalc} as a user runs it: from a directory outside the checkout, through a symlink,
 * with the default model, and quiet — standard error holds xtalc's own lines only, no SLF4J,
 * JVM (native access, {@code sun.misc.Unsafe}) or TensorFlow notices; {@code --verbose} brings
 * the libraries' diagnostics back.
 */
class LauncherTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String QUERY = "225-a-[alkali]-0-0-0-b-[halogen]-1/2-1/2-1/2-X-?";

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  /** Runs {@code launcher args…} in {@code cwd}, without the user's model or log settings. */
  static Run run(Path cwd, Path launcher, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    Map<String, String> env = pb.environment();
    for (String v : List.of("XTAL_MODEL", "TF_CPP_MIN_LOG_LEVEL", "XTAL_JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) env.remove(v);
    Path out = cwd.resolve("stdout.txt"), err = cwd.resolve("stderr.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("finishes").isTrue();
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void sampleFromAnotherDirectoryThroughASymlinkPrintsOnlyItsOwnLines() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin")), work = Files.createDirectories(dir.resolve("work"));
    Path link = Files.createSymbolicLink(bin.resolve("xtalc"), ROOT.resolve("bin/xtalc"));
    Run r = run(work, link, "sample", QUERY, "-n", "3", "--seed", "7", "--no-progress", "-o", "out");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 of 3 satisfy the query");
    // the default model is the installation's, found from a directory that has no models/mp20
    assertThat(r.err()).contains("model " + ROOT.resolve("models/mp20"));
    assertThat(Files.readAllLines(work.resolve("out/samples.sentences"))).hasSize(3);
    for (String line : r.err().lines().toList())
      assertThat(line).as("standard error holds xtalc's own lines only").startsWith("xtalc");
    assertThat(r.err()).doesNotContain("SLF4J", "WARNING", "tensorflow/", "Unsafe", "native access", "CudaUtils");
  }

  @Test
  void verboseBringsTheLibrariesDiagnosticsBack() throws Exception {
    Run r = run(dir, ROOT.resolve("bin/xtalc"), "sample", QUERY, "-n", "1", "--no-progress", "--verbose", "-o", "out");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("I tensorflow/").contains("[DEBUG]");
  }
}
