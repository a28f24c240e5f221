package xtal.compiler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import xtal.compiler.automaton.Automaton;
import xtal.compiler.automaton.CompiledAutomaton;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.SlotRule;
import xtal.stdlib.spacegroup.Rational;

/**
 * The {@code .xtalc} file: a compiled query saved so it loads without recompiling.
 *
 * <pre>
 *   "XTALC\n" (6 bytes)   magic
 *   int   version (1)
 *   int   payload length, then the payload, then long CRC-32 of the payload
 *   payload: name, source, limits (6 ints), sampling settings, annotations, states with
 *            (accept, annotation, transitions (min, max, dest)*)
 * </pre>
 *
 * Loading checks the magic, version, length and checksum and validates the automaton (ranges,
 * destinations, determinism) before use; any problem is an {@link IOException} whose message says
 * what is wrong with the file.
 */
public final class QueryFile {
  private QueryFile() {}

  private static final byte[] MAGIC = "XTALC\n".getBytes(StandardCharsets.US_ASCII);
  /** Current format version. */
  public static final int VERSION = 1;

  /** Serializes a compiled query. */
  public static byte[] toBytes(CompiledQuery q) {
    if (q.isLazy()) throw new IllegalArgumentException(lazyRefusal(q));
    try {
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(payload);
      writeString(out, q.name());
      writeString(out, q.source());
      Limits l = q.limits();
      out.writeInt(l.maxSites());
      out.writeInt(l.minAtoms());
      out.writeInt(l.maxAtoms());
      out.writeInt(l.unit().ordinal());
      out.writeInt(l.maxStates());
      out.writeInt(l.maxTransitions());
      out.writeInt(q.sampling().size());
      for (var e : new java.util.TreeMap<>(q.sampling()).entrySet()) {
        writeString(out, e.getKey());
        writeString(out, e.getValue());
      }
      Automaton a = q.automaton().automaton();
      out.writeInt(a.annotations().size());
      for (SlotAnnotation ann : a.annotations()) {
        out.writeByte(ann instanceof SlotAnnotation.Site ? 0 : 1);
        for (SlotRule r : ann.rules()) writeRule(out, r);
      }
      out.writeInt(a.numStates());
      for (int s = 0; s < a.numStates(); s++) {
        out.writeBoolean(a.isAccept(s));
        out.writeInt(a.annotationIndex(s));
        out.writeInt(a.numTransitions(s));
        for (int t = a.firstTransition(s), e = t + a.numTransitions(s); t < e; t++) {
          out.writeShort(a.min(t));
          out.writeShort(a.max(t));
          out.writeInt(a.dest(t));
        }
      }
      out.flush();
      byte[] p = payload.toByteArray();
      CRC32 crc = new CRC32();
      crc.update(p);
      ByteArrayOutputStream file = new ByteArrayOutputStream(p.length + 32);
      DataOutputStream f = new DataOutputStream(file);
      f.write(MAGIC);
      f.writeInt(VERSION);
      f.writeInt(p.length);
      f.write(p);
      f.writeLong(crc.getValue());
      f.flush();
      return file.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write failed", e);
    }
  }

  /** Writes a compiled query to {@code path}. */
  public static void write(CompiledQuery q, Path path) throws IOException {
    if (q.isLazy()) throw new IOException(lazyRefusal(q));
    Files.write(path, toBytes(q));
  }

  /**
   * Why a lazily built query has no {@code .xtalc} file: the file holds a whole eager automaton,
   * and a lazy one exists only as the walks that built it; its {@code .xtal} source is what to keep.
   */
  static String lazyRefusal(CompiledQuery q) {
    return "query '" + q.name() + "' is built lazily (too large for an eager automaton), and a .xtalc file holds only "
        + "eager automata: keep its .xtal source and sample or match from that";
  }

  /** Reads a compiled query from {@code path}. @throws IOException if unreadable or not a valid file */
  public static CompiledQuery read(Path path) throws IOException {
    return fromBytes(Files.readAllBytes(path), path.toString());
  }

  /** Parses a serialized query; {@code name} is used in error messages. */
  public static CompiledQuery fromBytes(byte[] bytes, String name) throws IOException {
    if (bytes.length < MAGIC.length + 16 || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException(name + ": not a compiled xtal query (.xtalc): bad header");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - MAGIC.length));
    int version = in.readInt();
    if (version != VERSION) throw new IOException(name + ": .xtalc format version " + version + ", this xtal reads version " + VERSION + "; recompile the query");
    int len = in.readInt();
    if (len < 0 || len != bytes.length - MAGIC.length - 16) throw new IOException(name + ": corrupt .xtalc file: truncated or extended (payload length " + len + ")");
    byte[] p = new byte[len];
    in.readFully(p);
    long stored = in.readLong();
    CRC32 crc = new CRC32();
    crc.update(p);
    if (crc.getValue() != stored) throw new IOException(name + ": corrupt .xtalc file: checksum mismatch");
    try {
      return parse(new DataInputStream(new ByteArrayInputStream(p)));
    } catch (EOFException e) {
      throw new IOException(name + ": corrupt .xtalc file: truncated payload");
    } catch (RuntimeException e) {
      throw new IOException(name + ": corrupt .xtalc file: " + e.getMessage());
    }
  }

  private static CompiledQuery parse(DataInputStream in) throws IOException {
    String name = readString(in), source = readString(in);
    int maxSites = in.readInt(), minAtoms = in.readInt(), maxAtoms = in.readInt(), unit = in.readInt();
    int maxStates = in.readInt(), maxTransitions = in.readInt();
    if (unit < 0 || unit >= Limits.Unit.values().length) throw new IllegalArgumentException("bad atom unit " + unit);
    Limits limits = new Limits(maxSites, minAtoms, maxAtoms, Limits.Unit.values()[unit], maxStates, maxTransitions);
    int nSettings = in.readInt();
    check(nSettings >= 0 && nSettings < 1000, "bad settings count");
    Map<String, String> sampling = new LinkedHashMap<>();
    for (int i = 0; i < nSettings; i++) sampling.put(readString(in), readString(in));
    int nAnn = in.readInt();
    check(nAnn >= 0 && nAnn < 10_000_000, "bad annotation count");
    List<SlotAnnotation> anns = new ArrayList<>();
    for (int i = 0; i < nAnn; i++) {
      int kind = in.readByte();
      check(kind == 0 || kind == 1, "bad annotation kind " + kind);
      List<SlotRule> rules = new ArrayList<>();
      for (int k = 0; k < (kind == 0 ? 3 : 6); k++) rules.add(readRule(in));
      anns.add(kind == 0 ? new SlotAnnotation.Site(rules) : new SlotAnnotation.Lattice(rules));
    }
    int n = in.readInt();
    check(n >= 1 && n < 100_000_000, "bad state count " + n);
    Automaton.Builder b = new Automaton.Builder();
    for (int s = 0; s < n; s++) b.createState();
    for (int s = 0; s < n; s++) {
      b.setAccept(s, in.readBoolean());
      int ann = in.readInt();
      check(ann >= -1 && ann < nAnn, "bad annotation index " + ann);
      b.setAnnotation(s, ann < 0 ? null : anns.get(ann));
      int nt = in.readInt();
      check(nt >= 0 && nt <= Vocabulary.SIZE, "bad transition count " + nt);
      for (int t = 0; t < nt; t++) {
        int min = in.readShort(), max = in.readShort(), dest = in.readInt();
        check(min >= 0 && max >= min && max < Vocabulary.SIZE, "bad token range " + min + ".." + max);
        check(dest >= 0 && dest < n, "bad destination " + dest);
        b.addTransition(s, min, max, dest);
      }
    }
    check(in.available() == 0, "trailing bytes");
    // the independent re-check, where the source resolves on its own
    QueryMeaning meaning = QueryCompiler.meaningOf(name, source, limits).orElse(null);
    return new CompiledQuery(name, source, new CompiledAutomaton(b.finish()), limits, sampling, meaning);
  }

  private static void check(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

  private static void writeRule(DataOutputStream out, SlotRule r) throws IOException {
    switch (r) {
      case SlotRule.Free f -> out.writeByte(0);
      case SlotRule.Fixed f -> {
        out.writeByte(1);
        writeRational(out, f.value());
      }
      case SlotRule.Tied t -> {
        out.writeByte(2);
        out.writeByte(t.source());
        writeRational(out, t.factor());
        writeRational(out, t.offset());
      }
      case SlotRule.Ranged g -> {
        out.writeByte(3);
        writeRational(out, g.lo());
        writeRational(out, g.hi());
      }
    }
  }

  private static SlotRule readRule(DataInputStream in) throws IOException {
    int kind = in.readByte();
    return switch (kind) {
      case 0 -> SlotRule.FREE;
      case 1 -> new SlotRule.Fixed(readRational(in));
      case 2 -> {
        int src = in.readByte();
        check(src >= 0 && src < 6, "bad tie source " + src);
        yield new SlotRule.Tied(src, readRational(in), readRational(in));
      }
      case 3 -> new SlotRule.Ranged(readRational(in), readRational(in));
      default -> throw new IllegalArgumentException("bad slot rule kind " + kind);
    };
  }

  private static void writeRational(DataOutputStream out, Rational r) throws IOException {
    out.writeLong(r.num());
    out.writeLong(r.den());
  }

  private static Rational readRational(DataInputStream in) throws IOException {
    long num = in.readLong(), den = in.readLong();
    check(den > 0, "bad rational denominator");
    return Rational.of(num, den);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    check(n >= 0 && n <= 1 << 24, "bad string length " + n);
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
