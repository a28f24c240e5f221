package xtal.compiler.automaton;

/** Lets tests of other packages use the brute-force checks of {@link OperationsTest}. */
public final class OperationsTestAccess {
  private OperationsTestAccess() {}

  /** Fails unless every state of {@code a} reaches an accepting state. */
  public static void assertNoDeadEnds(Automaton a) {
    OperationsTest.assertNoDeadEnds(a);
  }
}
