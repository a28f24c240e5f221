package xtal.stdlib.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.Template.ElementSlot;
import xtal.grammar.ast.Template.SitePattern;

/**
 * A named structure template from the stdlib library ({@code rock-salt}, {@code spinel}…), written
 * in the query language under {@code xtal/stdlib/prototypes/NAME.xtal}.
 *
 * @param name the name used by {@code import prototype NAME} and {@code structure NAME(A = …)}
 * @param description the file's leading comment, without {@code #}
 * @param template the structure; its {@code $}-names are the prototype's parameters
 * @param source the file text
 */
public record Prototype(String name, String description, Template template, String source) {

  /** The {@code $}-names the template binds, in order of first appearance. */
  public Set<String> parameters() {
    Set<String> names = new LinkedHashSet<>();
    collect(template.sites(), names);
    return names;
  }

  private static void collect(List<SitePattern> patterns, Set<String> names) {
    for (SitePattern p : patterns)
      switch (p) {
        case Template.Site s -> {
          if (s.element() instanceof Template.Binding b) names.add(b.name());
        }
        case Template.Repeat r -> collect(r.body(), names);
      }
  }

  /**
   * The template with some parameters constrained: each {@code $A} binding named in {@code
   * arguments} gets that slot as its constraint ({@code perovskite(B = Ti)} makes {@code
   * $B=Ti}). Names the prototype does not have are an {@link IllegalArgumentException}.
   */
  public Template bind(Map<String, ElementSlot> arguments) {
    for (String n : arguments.keySet())
      if (!parameters().contains(n))
        throw new IllegalArgumentException("prototype " + name + " has no parameter " + n + " (it has " + String.join(", ", parameters()) + ")");
    return new Template(template.group(), bind(template.sites(), arguments), template.lattice(), template.span());
  }

  private static List<SitePattern> bind(List<SitePattern> patterns, Map<String, ElementSlot> args) {
    return patterns.stream()
        .<SitePattern>map(p -> switch (p) {
          case Template.Site s when s.element() instanceof Template.Binding b && args.containsKey(b.name()) ->
              new Template.Site(s.letter(), new Template.Binding(b.name(), args.get(b.name()), b.span()), s.coordinates(), s.span());
          case Template.Site s -> s;
          case Template.Repeat r -> new Template.Repeat(bind(r.body(), args), r.min(), r.max(), r.span());
        })
        .toList();
  }
}
