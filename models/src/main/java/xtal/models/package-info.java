/**
 * Training, against the {@code xtal.model} contract: the network in TensorFlow Java graph mode
 * ({@code nn}), crystals encoded into training arrays with the compiler's masks ({@code seq}), the
 * trainer ({@code train}), SavedModel and {@code model.json} export ({@code export}), and {@link
 * xtal.models.XtalModel}, a trained model scored through TF Java. The runtime never depends on
 * this module.
 */
package xtal.models;
