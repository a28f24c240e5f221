package xtal.property.nn;

/**
 * The regressor's size.
 *
 * @param hidden width of the site states and the readout
 * @param interactions message-passing rounds
 */
public record NetConfig(int hidden, int interactions) {
  public static final NetConfig DEFAULT = new NetConfig(64, 2);

  public NetConfig {
    if (hidden < 1 || interactions < 0) throw new IllegalArgumentException("hidden >= 1 and interactions >= 0, found " + hidden + ", " + interactions);
  }
}
