/**
 * What a trained model is, apart from how it was trained: the sequence {@link xtal.model.Layout}
 * (token ids, feature columns and the transforms both the encoder and the decoder compute), the
 * network's {@link xtal.model.ModelConfig}, {@code model.json} as read by a runtime ({@link
 * xtal.model.ModelDescription}), the space-group prior, the SavedModel's {@link
 * xtal.model.Signatures} and the TensorFlow natives. The training module writes models against
 * this contract; the runtime reads them through it and never sees training code.
 */
package xtal.model;
