/**
 * Crystals as training arrays: the {@link xtal.models.seq.Encoder} lays a checked crystal out in
 * the contract's {@link xtal.model.Layout} with the masks of a rule set (the compiler's
 * unconstrained automaton, {@link xtal.models.seq.AutomatonMasks}); {@link
 * xtal.models.seq.Batch} pads encodings into tensors.
 */
package xtal.models.seq;
