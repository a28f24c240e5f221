package xtal.cli;

import picocli.CommandLine.Option;
import xtal.model.TensorFlowNatives;

/**
 * {@code --verbose} of the commands that load the model: brings back the libraries' diagnostics
 * that xtalc keeps quiet by default — DJL's and the other libraries' SLF4J log (slf4j-simple,
 * WARN by default per {@code simplelogger.properties}) at DEBUG, and TensorFlow's native log at
 * INFO. Applied while the command line is parsed, before any logger or the engine exists.
 */
final class Verbosity {
  @Option(names = "--verbose", description = "Print the libraries' diagnostics too (DJL's log, TensorFlow's INFO lines).")
  void verbose(boolean on) {
    if (!on) return;
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "debug");
    System.setProperty(TensorFlowNatives.LOG_LEVEL_PROPERTY, "0");
  }
}
