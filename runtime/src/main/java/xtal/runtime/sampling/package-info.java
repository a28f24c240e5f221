/**
 * The samplers the decoder draws with, each with the log-probability of what it draws: masked,
 * tempered, nucleus sampling of a token ({@link xtal.runtime.sampling.TokenSampler}); von Mises
 * mixtures over a fractional coordinate and Gaussian mixtures over a lattice parameter, truncated
 * to a range by inverse-CDF sampling, never by rejection.
 */
package xtal.runtime.sampling;
