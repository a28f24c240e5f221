package xtal.design;

import java.util.List;
import java.util.function.Function;
import xtal.stdlib.crystal.Crystal;

/**
 * A weighted sum of property terms: objective(X) = Σ wᵢ · goalᵢ.penalty(predictorᵢ(X)). Lower is
 * better. Each term's predictor is called once per batch of crystals (a property model's batched
 * {@code predict}).
 *
 * @param terms at least one
 */
public record Objective(List<Term> terms) {

  /**
   * One property and what is asked of it.
   *
   * @param property the predicted property's name, e.g. {@code heat_ref}
   * @param predictor one prediction per crystal, in order (thread-safe, batched)
   * @param goal what is asked of the prediction
   * @param weight the term's weight, finite and > 0
   */
  public record Term(String property, Function<List<Crystal>, double[]> predictor, Goal goal, double weight) {
    public Term {
      if (!(weight > 0 && Double.isFinite(weight))) throw new IllegalArgumentException("a weight must be a finite number > 0, found " + weight);
    }
  }

  public Objective {
    if (terms.isEmpty()) throw new IllegalArgumentException("an objective needs at least one property term");
    terms = List.copyOf(terms);
  }

  /**
   * The crystals' predictions and objectives.
   *
   * @param predicted predicted[t][i]: term t's prediction for crystal i
   * @param objective objective[i]
   */
  public record Evaluation(double[][] predicted, double[] objective) {}

  /** Predicts every term for every crystal (one batched call per term) and combines them. */
  public Evaluation evaluate(List<Crystal> crystals) {
    double[][] y = new double[terms.size()][];
    double[] obj = new double[crystals.size()];
    for (int t = 0; t < terms.size(); t++) {
      Term term = terms.get(t);
      y[t] = crystals.isEmpty() ? new double[0] : term.predictor().apply(crystals);
      for (int i = 0; i < obj.length; i++) obj[i] += term.weight() * term.goal().penalty(y[t][i]);
    }
    return new Evaluation(y, obj);
  }
}
