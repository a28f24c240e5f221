package xtal.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.XtalFile;

/** Every file in {@code examples/} parses without a diagnostic and round-trips through the printer. */
class ExamplesTest {

  static final Path EXAMPLES = Path.of("../examples");

  @TestFactory
  Stream<DynamicTest> everyXtalExampleRoundTrips() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".xtal")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      ParseResult<XtalFile> r = CrystalParser.parseFile(f.toString(), Files.readString(f));
                      assertThat(r.diagnostics()).isEmpty();
                      assertThat(r.value().queries()).isNotEmpty();
                      String printed = Printer.print(r.value());
                      XtalFile again = CrystalParser.parseFile("printed", printed).orElseThrow();
                      assertThat(again).isEqualTo(r.value());
                      assertThat(Printer.print(again)).isEqualTo(printed);
                    }));
  }

  @Test
  void theTourShowsEveryStatementAndSlotKind() throws IOException {
    XtalFile tour =
        CrystalParser.parseFile("tour", Files.readString(EXAMPLES.resolve("language-tour.xtal"))).orElseThrow();
    assertThat(tour.items()).hasAtLeastOneElementOfType(XtalFile.Import.class);
    assertThat(tour.items()).hasAtLeastOneElementOfType(XtalFile.Let.class);
    List<Class<?>> statementKinds =
        tour.queries().stream().flatMap(q -> q.statements().stream()).map(Object::getClass).distinct()
            .<Class<?>>map(c -> c).toList();
    assertThat(statementKinds).containsAll(
        List.of(XtalFile.StructureStatement.class, XtalFile.FormulaStatement.class, XtalFile.Contains.class,
            XtalFile.Only.class, XtalFile.Exclude.class, XtalFile.Count.class, XtalFile.DistinctElements.class,
            XtalFile.ChargeBalanced.class, XtalFile.SmactValid.class, XtalFile.Atoms.class, XtalFile.Sites.class, XtalFile.Sample.class));
    XtalFile.Sample sample =
        tour.queries().getFirst().statements().stream()
            .filter(XtalFile.Sample.class::isInstance).map(XtalFile.Sample.class::cast).findFirst().orElseThrow();
    assertThat(sample.settings()).hasSize(6);
    Template t =
        ((XtalFile.TemplateStructure)
                ((XtalFile.StructureStatement) tour.queries().getFirst().statements().getFirst()).structure())
            .template();
    assertThat(t.group()).isInstanceOf(Template.CrystalSystem.class);
    assertThat(t.sites()).hasAtLeastOneElementOfType(Template.Repeat.class);
    assertThat(t.latticeFree()).isTrue();
  }

  @Test
  void exampleSentencesAreConcreteAndRoundTrip() throws IOException {
    List<String> lines =
        Files.readAllLines(EXAMPLES.resolve("sentences.txt")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(12);
    for (String line : lines) {
      var s = CrystalParser.parseSentence("sentences.txt", line).orElseThrow();
      assertThat(Printer.print(s)).isEqualTo(line);
    }
  }
}
