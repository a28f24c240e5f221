package xtal.runtime.decode;

/**
 * A crystal completed from a {@link Prefix}: the prefix kept, the rest drawn from the constrained
 * generator given it.
 *
 * <p>For Metropolis–Hastings, {@code logProposal} is log q(X′ | prefix); the reverse move's log
 * q(X | prefix) is the {@link Score#logProposal} of X scored with the same prefix length and
 * options. Both are exact when {@link SampleOptions#minDistance()} is 0; with the minimum distance
 * on, a crowded site's redraws are not accounted for.
 *
 * @param index the prefix's index in the call
 * @param sample the new crystal; its {@link Sample#logLikelihood} is the model's for the whole
 *     crystal (prefix included), at temperature 1 under the query's masks, as for a sampled one
 * @param logProposal log-probability (nats; densities for continuous values) of the sampled slots
 *     under what they were drawn from: the query's masks and ranges, the options' temperature and
 *     top-p, and the processor's changes
 */
public record Proposal(int index, Sample sample, double logProposal) implements Completion {}
