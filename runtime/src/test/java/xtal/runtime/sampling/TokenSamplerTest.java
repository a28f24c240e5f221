package xtal.runtime.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

  private static long[] bits(int size, int... ids) {
    long[] b = new long[(size + 63) / 64];
    for (int id : ids) b[id >>> 6] |= 1L << id;
    return b;
  }

  @Test
  void neverSamplesAForbiddenTokenEvenWhenItHasTheBestLogit() {
    float[] logits = new float[100];
    logits[7] = 50; // the model is sure of token 7 …
    logits[70] = -3;
    logits[71] = -4;
    long[] allowed = bits(100, 70, 71); // … but the automaton forbids it
    var rng = new SplittableRandom(1);
    for (int i = 0; i < 5_000; i++) {
      assertThat(TokenSampler.sample(logits, allowed, 1.0, 1.0, rng).token()).isIn(70, 71);
    }
  }

  @Test
  void frequenciesFollowTheRenormalizedSoftmax() {
    float[] logits = {0f, (float) Math.log(2), (float) Math.log(3), 10f};
    long[] allowed = bits(4, 0, 1, 2);
    var rng = new SplittableRandom(7);
    int[] n = new int[4];
    int draws = 60_000;
    for (int i = 0; i < draws; i++) n[TokenSampler.sample(logits, allowed, 1, 1, rng).token()]++;
    assertThat(n[3]).isZero();
    assertThat(n[0] / (double) draws).isCloseTo(1 / 6.0, within(0.01));
    assertThat(n[1] / (double) draws).isCloseTo(2 / 6.0, within(0.01));
    assertThat(n[2] / (double) draws).isCloseTo(3 / 6.0, within(0.01));
  }

  @Test
  void logProbabilityIsThatOfTheMaskedDistribution() {
    float[] logits = {0f, (float) Math.log(3), 5f};
    var c = TokenSampler.sample(logits, bits(3, 0), 1, 1, new SplittableRandom(3));
    assertThat(c.token()).isZero();
    assertThat(c.logProbability()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void topPKeepsOnlyTheNucleus() {
    float[] logits = {(float) Math.log(0.6), (float) Math.log(0.3), (float) Math.log(0.1)};
    var rng = new SplittableRandom(11);
    for (int i = 0; i < 2_000; i++) {
      assertThat(TokenSampler.sample(logits, bits(3, 0, 1, 2), 1, 0.8, rng).token()).isIn(0, 1);
    }
  }

  @Test
  void lowTemperatureApproachesTheArgmaxOfTheAllowedTokens() {
    float[] logits = {1f, 2f, 9f};
    var rng = new SplittableRandom(5);
    for (int i = 0; i < 1_000; i++) {
      assertThat(TokenSampler.sample(logits, bits(3, 0, 1), 0.01, 1, rng).token()).isEqualTo(1);
    }
  }

  @Test
  void aSliceOfLogitsIsMaskedWithTheFullVocabularyBitset() {
    float[] head = {3f, 0f}; // logits for tokens 200 and 201
    long[] allowed = bits(256, 201);
    var c = TokenSampler.sample(head, 0, 2, allowed, 200, 1, 1, new SplittableRandom(1));
    assertThat(c.token()).isEqualTo(201);
  }

  @Test
  void aDeadStateIsAProgrammingError() {
    assertThatThrownBy(() -> TokenSampler.sample(new float[3], bits(3), 1, 1, new SplittableRandom(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sameSeedSameTokens() {
    float[] logits = {0.1f, 0.2f, 0.3f, 0.4f};
    long[] all = bits(4, 0, 1, 2, 3);
    var a = new SplittableRandom(42);
    var b = new SplittableRandom(42);
    for (int i = 0; i < 100; i++) {
      assertThat(TokenSampler.sample(logits, all, 1, 0.9, a))
          .isEqualTo(TokenSampler.sample(logits, all, 1, 0.9, b));
    }
  }

  /** The probability a given token is scored with is the one the sampler draws it with (masks, temperature, nucleus). */
  @Test
  void logProbabilityIsWhatTheSamplerDrawsWith() {
    float[] logits = {2f, 1f, 0.5f, 3f, -1f, 0f};
    long[] allowed = bits(6, 0, 1, 2, 4, 5); // 3 is best and masked
    for (double t : new double[] {1.0, 0.6}) {
      for (double topP : new double[] {1.0, 0.8}) {
        var rng = new SplittableRandom(4);
        double total = 0;
        for (int token = 0; token < 6; token++) {
          double lp = TokenSampler.logProbability(logits, 0, 6, allowed, 0, t, topP, token);
          total += Math.exp(lp);
          if (token == 3) assertThat(lp).isEqualTo(Double.NEGATIVE_INFINITY);
        }
        assertThat(total).isCloseTo(1.0, within(1e-12));
        for (int i = 0; i < 200; i++) {
          TokenSampler.Choice c = TokenSampler.sample(logits, 0, 6, allowed, 0, t, topP, rng);
          assertThat(TokenSampler.logProbability(logits, 0, 6, allowed, 0, t, topP, c.token())).isEqualTo(c.logProbability());
        }
      }
    }
  }
}
