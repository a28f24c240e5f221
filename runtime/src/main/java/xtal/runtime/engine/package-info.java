/**
 * The model run through DJL's TensorFlow engine: {@link xtal.runtime.engine.DjlStepModel} feeds
 * the SavedModel's {@code step} signature (key/value cache kept native between steps) or its
 * {@code forward} signature, and only converts arrays to tensors and back.
 */
package xtal.runtime.engine;
