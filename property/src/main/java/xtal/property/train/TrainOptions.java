package xtal.property.train;

import xtal.property.nn.NetConfig;

/**
 * How to train a property model.
 *
 * @param net the regressor's size
 * @param epochs passes over the training crystals (the best by hold-out MAE is kept)
 * @param batchSize crystals per step
 * @param learningRate Adam's peak rate
 * @param holdout fraction of the training file kept aside for choosing the epoch
 * @param seed initial weights, hold-out split and shuffles
 * @param maxMinutes stop after this much training time
 * @param loss what training minimises, on the standardised target
 */
public record TrainOptions(NetConfig net, int epochs, int batchSize, double learningRate, double holdout, long seed, double maxMinutes, Loss loss) {
  public static final TrainOptions DEFAULT = new TrainOptions(NetConfig.DEFAULT, 200, 32, 2e-3, 0.1, 42, 60, Loss.HUBER);

  /**
   * Training losses: Huber (δ = 1 standard deviation; the default, robust to long tails), squared
   * error (predicts the conditional mean: better R² on mostly-zero targets such as band gaps), absolute error
   * (the conditional median).
   */
  public enum Loss {
    HUBER,
    MSE,
    L1
  }

  public TrainOptions {
    if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, found " + epochs);
    if (batchSize < 1) throw new IllegalArgumentException("the batch size must be at least 1, found " + batchSize);
    if (!(learningRate > 0)) throw new IllegalArgumentException("the learning rate must be positive, found " + learningRate);
    if (!(holdout > 0 && holdout < 0.5)) throw new IllegalArgumentException("the hold-out fraction must lie in (0, 0.5), found " + holdout);
    if (!(maxMinutes > 0)) throw new IllegalArgumentException("the time limit must be positive, found " + maxMinutes);
  }
}
