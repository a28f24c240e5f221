package xtal.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import xtal.compiler.CompiledQuery;
import xtal.runtime.Generator;
import xtal.runtime.output.SampleWriter;

/**
 * The model and the output directory of a command that samples a query ({@code sample}, {@code
 * design}), opened together: the model loaded, the query checked against its sequence length, the
 * directory locked. Each failure is an {@link Xtalc.Failure} with its exit code, and nothing is
 * left open or written when one occurs.
 */
record SamplingRun(Generator generator, SampleWriter writer) {

  static SamplingRun open(Path modelDir, boolean cached, CompiledQuery query, Path output, Set<SampleWriter.Format> formats, boolean force) {
    Generator g;
    try {
      g = Generator.load(modelDir, cached);
    } catch (IOException e) {
      throw new Xtalc.Failure(Xtalc.NO_INPUT, e.getMessage());
    }
    try {
      g.requireFits(query); // before the directory is touched
      return new SamplingRun(g, new SampleWriter(output, formats, force));
    } catch (IllegalArgumentException e) {
      g.close();
      throw new Xtalc.Failure(Xtalc.USAGE, e.getMessage());
    } catch (IOException e) {
      g.close();
      throw new Xtalc.Failure(Xtalc.CANT_CREATE, e instanceof SampleWriter.InUse || e instanceof SampleWriter.NotEmpty
          ? e.getMessage() : output + ": cannot write: " + OutputPaths.reason(e));
    }
  }
}
