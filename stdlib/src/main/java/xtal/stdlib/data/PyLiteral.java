package xtal.stdlib.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Python-literal lists of strings the Wyckoff tables are written in: {@code ['1a', '2b']}
 * and {@code [['x, y, z', '-x, -y, -z'], ['0, 0, 0']]}. Only lists and single- or double-quoted
 * strings without escapes occur; anything else is rejected with its offset.
 */
public final class PyLiteral {
  private final String s;
  private int p;

  private PyLiteral(String s) {
    this.s = s;
  }

  /** Parses a literal whose elements are strings or lists (nested to any depth). */
  public static Object parse(String text) {
    PyLiteral r = new PyLiteral(text);
    Object v = r.value();
    r.skipSpace();
    if (r.p != text.length()) throw r.error("trailing text");
    return v;
  }

  /** Parses a list of strings. */
  @SuppressWarnings("unchecked")
  public static List<String> stringList(String text) {
    return (List<String>) parse(text);
  }

  /** Parses a list of lists of strings. */
  @SuppressWarnings("unchecked")
  public static List<List<String>> stringListList(String text) {
    return (List<List<String>>) parse(text);
  }

  private Object value() {
    skipSpace();
    if (p >= s.length()) throw error("unexpected end");
    char c = s.charAt(p);
    if (c == '[') {
      p++;
      List<Object> list = new ArrayList<>();
      skipSpace();
      if (p < s.length() && s.charAt(p) == ']') {
        p++;
        return list;
      }
      while (true) {
        list.add(value());
        skipSpace();
        if (p >= s.length()) throw error("unterminated list");
        char d = s.charAt(p++);
        if (d == ']') return list;
        if (d != ',') throw error("expected ',' or ']'");
      }
    }
    if (c == '\'' || c == '"') {
      int end = s.indexOf(c, p + 1);
      if (end < 0) throw error("unterminated string");
      String v = s.substring(p + 1, end);
      p = end + 1;
      return v;
    }
    throw error("unexpected '" + c + "'");
  }

  private void skipSpace() {
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + p + " of " + (s.length() > 60 ? s.substring(0, 60) + "…" : s));
  }
}
