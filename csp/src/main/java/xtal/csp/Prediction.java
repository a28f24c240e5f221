package xtal.csp;

import java.util.List;

/** What a prediction for one target gave: ranked candidates, or why there are none. */
public sealed interface Prediction {
  CspTarget target();

  /**
   * @param candidates best first, at most the options' {@code keep}
   * @param samples every sample drawn, in sampling order (for measuring what ranking adds)
   * @param distinct distinct crystals among the samples
   * @param compileSeconds compiling the composition query (0 when it came from the cache)
   * @param sampleSeconds sampling, deduplicating and ranking
   * @param violations samples whose expanded cell did not have the asked composition or atom
   *     count (re-counted independently of the query; dropped, and a bug if ever non-zero)
   */
  record Ranked(CspTarget target, List<Candidate> candidates, List<Candidate> samples, int distinct, double compileSeconds, double sampleSeconds, int violations)
      implements Prediction {}

  /** @param message why, naming the composition (a composition that cannot fit, …) */
  record Failed(CspTarget target, String message) implements Prediction {}
}
