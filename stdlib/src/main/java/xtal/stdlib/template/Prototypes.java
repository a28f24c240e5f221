package xtal.stdlib.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import xtal.grammar.CrystalParser;
import xtal.grammar.Diagnostic;
import xtal.grammar.ParseResult;
import xtal.grammar.ast.XtalFile;

/**
 * The prototype library: every {@code .xtal} file listed in {@code xtal/stdlib/prototypes/INDEX},
 * each a single query whose structure statement is the prototype's template. Read once; a file
 * that does not parse is a build defect and fails loudly with its diagnostics.
 */
public final class Prototypes {
  private Prototypes() {}

  private static final class Holder {
    static final Map<String, Prototype> ALL = load();
  }

  /** The prototype with this name, if the library has it. */
  public static Optional<Prototype> get(String name) {
    return Optional.ofNullable(Holder.ALL.get(name));
  }

  /** The names, alphabetically. */
  public static Set<String> names() {
    return Holder.ALL.keySet();
  }

  /** All prototypes, alphabetically by name. */
  public static List<Prototype> all() {
    return List.copyOf(Holder.ALL.values());
  }

  private static Map<String, Prototype> load() {
    Map<String, Prototype> out = new LinkedHashMap<>();
    for (String name : read("INDEX").lines().map(String::strip).filter(s -> !s.isEmpty()).sorted().toList()) {
      String file = name + ".xtal";
      String text = read(file);
      ParseResult<XtalFile> r = CrystalParser.parseFile("prototypes/" + file, text);
      if (!r.ok())
        throw new IllegalStateException("xtal: prototype " + file + " does not parse:\n"
            + r.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
      List<XtalFile.Query> queries = r.value().items().stream().filter(i -> i instanceof XtalFile.Query).map(i -> (XtalFile.Query) i).toList();
      if (queries.size() != 1 || !queries.getFirst().name().equals(name))
        throw new IllegalStateException("xtal: prototype " + file + " must hold exactly one query named " + name);
      XtalFile.TemplateStructure structure = queries.getFirst().statements().stream()
          .filter(s -> s instanceof XtalFile.StructureStatement ss && ss.structure() instanceof XtalFile.TemplateStructure)
          .map(s -> (XtalFile.TemplateStructure) ((XtalFile.StructureStatement) s).structure())
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("xtal: prototype " + file + " has no structure template"));
      String description = text.lines().takeWhile(l -> l.startsWith("#")).map(l -> l.substring(1).strip()).collect(Collectors.joining(" "));
      out.put(name, new Prototype(name, description, structure.template(), text));
    }
    return Collections.unmodifiableMap(out);
  }

  private static String read(String name) {
    try (InputStream in = Prototypes.class.getResourceAsStream("/xtal/stdlib/prototypes/" + name)) {
      if (in == null) throw new IllegalStateException("xtal: prototype resource " + name + " is missing from the stdlib jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
