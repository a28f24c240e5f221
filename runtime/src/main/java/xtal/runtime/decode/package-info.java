/**
 * Constrained autoregressive decoding: the model proposes, the query's automaton disposes.
 * {@link xtal.runtime.decode.Decoder} steps a batch of sequences through a {@link
 * xtal.runtime.decode.StepModel}; each sequence draws (or, teacher-forced, takes from a given
 * crystal) its group, Wyckoff letters, elements, free coordinates and lattice parameters within
 * what the automaton allows. The seams for guidance and MCMC are here: {@link
 * xtal.runtime.decode.SampleProcessor} (reshape what a draw uses, never widen the query), {@link
 * xtal.runtime.decode.Prefix} with {@link xtal.runtime.decode.Proposal} and {@link
 * xtal.runtime.decode.Score} (exact proposal and model log-probabilities), {@link
 * xtal.runtime.decode.DecodeListener} (where the time goes).
 */
package xtal.runtime.decode;
