/**
 * Writing a trained network as a TensorFlow SavedModel with the {@code forward}, {@code step} and
 * {@code nll} signatures, and the {@code model.json} that describes them to any runtime.
 */
package xtal.models.export;
