/** Training runs: data sets read from sentence files, the optimiser loop with checkpoints, metrics. */
package xtal.models.train;
