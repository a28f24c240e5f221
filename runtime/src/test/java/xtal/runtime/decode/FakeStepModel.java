package xtal.runtime.decode;

import xtal.model.Layout;

/**
 * A model that always prefers what a query is least likely to allow: the largest logit on the
 * last letter, on END and on the heaviest element, and mixtures centred on awkward values. If the
 * decoder ever let the model's preference win over the automaton, the tests would see it.
 */
final class FakeStepModel implements StepModel {
  static final int K = 4, L = 2;
  int steps;

  @Override
  public int coordComponents() {
    return K;
  }

  @Override
  public int latticeComponents() {
    return L;
  }

  @Override
  public Session start(int[] groups) {
    int b = groups.length;
    return new Session() {
      int position;

      @Override
      public HeadOutputs step(int[] input, float[] features, int[] next) {
        steps++;
        position++;
        float[] letters = new float[b * Layout.LETTER_CLASSES];
        float[] elements = new float[b * Layout.ELEMENT_CLASSES];
        float[] cw = new float[b * K], cl = new float[b * K], ck = new float[b * K];
        float[] lw = new float[b * L], lm = new float[b * L], ls = new float[b * L];
        for (int i = 0; i < b; i++) {
          for (int c = 0; c < Layout.LETTER_CLASSES; c++) letters[i * Layout.LETTER_CLASSES + c] = 0.2f * c;
          letters[i * Layout.LETTER_CLASSES + Layout.END_CLASS] = 8f - position; // tempt an early END
          for (int c = 0; c < Layout.ELEMENT_CLASSES; c++) elements[i * Layout.ELEMENT_CLASSES + c] = 0.05f * c;
          for (int c = 0; c < K; c++) {
            cw[i * K + c] = -c;
            cl[i * K + c] = (float) (2 * Math.PI * (0.05 + 0.3 * c));
            ck[i * K + c] = 30f;
          }
          lw[i * L] = 0f;
          lw[i * L + 1] = -1f;
          lm[i * L] = 2.6f; // modelled lengths (Å / atoms^(1/3)) and angles (units of 90°)
          lm[i * L + 1] = 2.5f;
          ls[i * L] = 0.3f;
          ls[i * L + 1] = 0.5f;
        }
        return new HeadOutputs(b, letters, elements, cw, cl, ck, lw, lm, ls);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {}
}
