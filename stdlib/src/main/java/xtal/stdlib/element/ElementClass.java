package xtal.stdlib.element;

import java.util.Set;

/**
 * A named set of elements the query language can use in place of an element ({@code
 * transition-metal}, {@code halogen}…).
 *
 * @param name the name as written in a query, lower case with hyphens
 * @param description one line saying which elements belong, for help texts
 * @param members the elements, in Z order
 */
public record ElementClass(String name, String description, Set<Element> members) {

  public ElementClass {
    members = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(members));
  }

  public boolean contains(Element e) {
    return members.contains(e);
  }

  @Override
  public String toString() {
    return name;
  }
}
