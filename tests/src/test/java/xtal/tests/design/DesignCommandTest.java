package xtal.tests.design;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.compiler.CompiledQuery;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.tests.Cli.Result;

/**
 * {@code xtalc design} end to end with the shipped generator and perov_5 property models: output
 * like {@code sample} with predictions, the same seed the same files, every crystal satisfying the
 * query, and every bad objective a clear error with its exit code.
 */
class DesignCommandTest {
  static final String QUERY = "221-a-?-0-0-0-b-?-1/2-1/2-1/2-c-O-0-1/2-1/2-X-?";
  static final String HEAT = Path.of("..", "models", "properties", "perov5-heat_ref").toString();
  static final String GAP = Path.of("..", "models", "properties", "perov5-ind_gap").toString();
  @TempDir Path tmp;

  Result design(Path out, String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of("design", QUERY, "--chains", "8", "--steps", "6", "--seed", "3", "-n", "5", "-o", out.toString()));
    a.addAll(List.of(extra));
    return xtalc(a.toArray(String[]::new));
  }

  @Test
  void writesDesignsWithPredictionsDeterministicallyAllSatisfyingTheQuery() throws Exception {
    Result r = design(tmp.resolve("a"), "--property", HEAT, "--minimize", "--property", GAP, "--range", "1.2..1.6", "--weight", "0.5");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("5 of 5 satisfy the query (re-checked)").containsPattern("acceptance: lattice \\d\\.\\d\\d \\(\\d+/\\d+\\) suffix");
    Result again = design(tmp.resolve("b"), "--property", HEAT, "--minimize", "--property", GAP, "--range", "1.2..1.6", "--weight", "0.5");
    assertThat(again.code()).isZero();
    List<String> sentences = Files.readAllLines(tmp.resolve("a/samples.sentences"));
    assertThat(sentences).hasSize(5).doesNotHaveDuplicates().isEqualTo(Files.readAllLines(tmp.resolve("b/samples.sentences")));
    assertThat(Files.readString(tmp.resolve("a/samples.jsonl"))).isEqualTo(Files.readString(tmp.resolve("b/samples.jsonl")));
    CompiledQuery q = QueryCompiler.compileTemplate("<t>", QUERY, Limits.DEFAULT);
    double previous = Double.NEGATIVE_INFINITY;
    for (String line : Files.readAllLines(tmp.resolve("a/samples.jsonl"))) {
      JsonNode j = new ObjectMapper().readTree(line);
      var crystal = SentenceChecker.check("x", j.get("sentence").asText()).crystal().orElseThrow();
      assertThat(q.meaning().violations(crystal)).isEmpty();
      double heat = j.get("predicted").get("heat_ref").asDouble(), gap = j.get("predicted").get("ind_gap").asDouble();
      double objective = heat + 0.5 * Math.max(0, Math.max(1.2 - gap, gap - 1.6));
      assertThat(j.get("objective").asDouble()).isCloseTo(objective, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(objective).isGreaterThanOrEqualTo(previous);
      previous = objective;
    }
    try (var cifs = Files.list(tmp.resolve("a/cif"))) {
      assertThat(cifs.count()).isEqualTo(5);
    }
  }

  @Test
  void theExampleRunsAsItsCommentSays() throws Exception {
    Path out = tmp.resolve("example");
    Result r = xtalc("design", Path.of("..", "examples", "design-low-heat-perovskites.xtal").toString(), "--property", HEAT, "--minimize",
        "--property", GAP, "--range", "1.2..1.6", "--weight", "0.5", "--steps", "12", "--keep-proposals", "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("20 of 20 satisfy the query (re-checked)");
    assertThat(Files.readAllLines(out.resolve("samples.sentences"))).hasSize(20).doesNotHaveDuplicates();
    assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"keep_proposals\" : true").contains("range 1.2..1.6");
  }

  @Test
  void anUnreachableTargetRunsAndSaysSo() {
    Result r = design(tmp.resolve("far"), "--property", HEAT, "--target", "-50");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("note: no designed crystal reaches heat_ref target -50.0");
  }

  @Test
  void badObjectivesAreClearErrors() throws Exception {
    Result noGoal = design(tmp.resolve("x1"), "--property", HEAT);
    assertThat(noGoal.code()).isEqualTo(64);
    assertThat(noGoal.err()).contains("needs a goal after it: --minimize, --maximize, --target V or --range LO..HI");
    Result noProperty = design(tmp.resolve("x2"));
    assertThat(noProperty.code()).isEqualTo(64);
    assertThat(noProperty.err()).contains("--property");
    Result twoGoals = design(tmp.resolve("x3"), "--property", HEAT, "--minimize", "--maximize");
    assertThat(twoGoals.code()).isEqualTo(64);
    Result badRange = design(tmp.resolve("x4"), "--property", HEAT, "--range", "2..1");
    assertThat(badRange.code()).isEqualTo(64);
    assertThat(badRange.err()).contains("LO <= HI");
    Result badWeight = design(tmp.resolve("x5"), "--property", HEAT, "--minimize", "--weight", "-1");
    assertThat(badWeight.code()).isEqualTo(64);
    Result missing = design(tmp.resolve("x6"), "--property", tmp.resolve("nowhere").toString(), "--minimize");
    assertThat(missing.code()).isEqualTo(66);
    assertThat(missing.err()).contains("nowhere").contains("no such model directory");
    Path notAModel = Files.createDirectories(tmp.resolve("generator-like"));
    Files.writeString(notAModel.resolve("model.json"), "{\"kind\": \"something else\"}");
    Result wrongKind = design(tmp.resolve("x7"), "--property", notAModel.toString(), "--minimize");
    assertThat(wrongKind.code()).isEqualTo(65);
    assertThat(wrongKind.err()).contains("not a property model");
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Result cannotCreate = design(file.resolve("out"), "--property", HEAT, "--minimize");
    assertThat(cannotCreate.code()).isEqualTo(73);
    for (String dir : List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7")) assertThat(tmp.resolve(dir)).doesNotExist();
  }
}
