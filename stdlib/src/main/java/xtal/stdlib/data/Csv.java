package xtal.stdlib.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of the shared tables: comma-separated, fields optionally double-quoted, a quote
 * inside a quoted field doubled. Records do not span lines in the tables read here.
 */
public final class Csv {
  private Csv() {}

  /** Splits one CSV line into its fields. */
  public static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else quoted = false;
        } else f.append(c);
      } else if (c == '"') quoted = true;
      else if (c == ',') {
        fields.add(f.toString());
        f.setLength(0);
      } else f.append(c);
    }
    fields.add(f.toString());
    return fields;
  }
}
