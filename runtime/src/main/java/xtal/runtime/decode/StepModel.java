package xtal.runtime.decode;

/**
 * A model as the decoder sees it: per batch a session that takes one position per sequence and
 * returns the heads' outputs for what comes next. Implementations keep the key/value cache, so a
 * step costs the same however long the prefix is. The decoder owns everything else (automaton
 * states, masks, sampling): this interface only moves tokens in and numbers out.
 */
public interface StepModel extends AutoCloseable {

  /** Mixture sizes of the coordinate and lattice heads. */
  int coordComponents();

  int latticeComponents();

  /**
   * Starts decoding a batch.
   *
   * @param groups space-group numbers (1..230), one per sequence; the batch size is its length
   */
  Session start(int[] groups);

  @Override
  void close();

  /** The decoding state of one batch (its key/value cache). Not thread-safe; one per batch. */
  interface Session extends AutoCloseable {
    /**
     * Feeds position P (the same for all sequences) and returns the heads for position P + 1.
     *
     * @param input input token id per sequence (the model's input vocabulary)
     * @param features continuous features, {@code [batch × features]} row-major
     * @param next kind of the slot each sequence predicts next
     */
    HeadOutputs step(int[] input, float[] features, int[] next);

    @Override
    void close();
  }
}
