package xtal.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code xtalc}: the command line of xtal. One class per subcommand; each returns its exit code. */
@Command(
    name = "xtalc",
    mixinStandardHelpOptions = true,
    versionProvider = Xtalc.Version.class,
    description = "A language, a compiler and a generator for crystal structures.",
    subcommands = {
      CommandLine.HelpCommand.class,
    })
public final class Xtalc implements Runnable {

  /**
   * Exit codes, one table for every command (sysexits.h): 0 ok; 1 only for {@code match}, like
   * grep, when nothing matched; 64 usage; 65 bad input (a sentence, query, structure, CSV or
   * config that is wrong); 66 a missing input file or model; 70 internal error; 73 an output
   * that cannot be created. Each subcommand's help lists {@link #EXIT_CODES}.
   */
  public static final int OK = 0, NO_MATCH = 1, USAGE = 64, DATA_ERROR = 65, NO_INPUT = 66, INTERNAL = 70, CANT_CREATE = 73;

  /** Bad input: kept as a name for the code a failed check returns (now {@link #DATA_ERROR}). */
  public static final int FAILED = DATA_ERROR;

  /** The table every command's help shows under "Exit status". */
  public static final java.util.Map<String, String> EXIT_CODES = exitCodes();

  private static java.util.Map<String, String> exitCodes() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put(" 0", "success");
    m.put(" 1", "match only: no sentence matched (like grep)");
    m.put(" " + USAGE, "usage error: a bad option or argument");
    m.put(" " + DATA_ERROR, "bad input: a sentence, query, structure, CSV or model file that is wrong");
    m.put(" " + NO_INPUT, "an input file or the model directory does not exist or cannot be read");
    m.put(" " + INTERNAL, "internal error (a bug: please report it)");
    m.put(" " + CANT_CREATE, "an output file or directory cannot be created or written");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * A failure with its exit code, thrown by a command where returning is awkward; the handler
   * prints {@code xtalc COMMAND: message} and exits with the code, never with a stack trace.
   */
  public static final class Failure extends RuntimeException {
    private final int code;

    public Failure(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs xtalc with the given streams; used by main and by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    try {
      CommandLine cli = commandLine();
      cli.setOut(out);
      cli.setErr(err);
      return cli.execute(args);
    } catch (RuntimeException | Error e) {
      // errors (a table that fails to load in a class initializer) pass picocli's handler by
      return report(e, err);
    }
  }

  /** The configured command line: every subcommand, and no stack trace for anything a user did. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Xtalc());
    for (Object sub : Subcommands.all()) cli.addSubcommand(sub);
    cli.addSubcommand(new picocli.AutoComplete.GenerateCompletion()); // hidden: source <(xtalc generate-completion)
    HelpTexts.apply(cli);
    declareExitCodes(cli);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof Failure f) {
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + f.getMessage());
        commandLine.getErr().flush();
        return f.code();
      }
      return report(ex, commandLine.getErr());
    });
    cli.setExitCodeExceptionMapper(ex -> ex instanceof Failure f ? f.code() : INTERNAL);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("xtalc: " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr()); // "Did you mean: sample?"
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    return cli;
  }

  /** The one exit-code table in the help of xtalc and every subcommand (picocli's exitCodeList). */
  private static void declareExitCodes(CommandLine cli) {
    cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_CODES);
    cli.getCommandSpec().exitCodeOnInvalidInput(USAGE).exitCodeOnExecutionException(INTERNAL);
    for (CommandLine sub : cli.getSubcommands().values()) declareExitCodes(sub);
  }

  /**
   * What a command that failed with {@code ex} tells the user, and its exit code: the space-group
   * or element tables failing to load (a damaged install, or -Dxtal.data / XTAL_DATA pointing at
   * the wrong place) is a data error with the tables' own message, wherever the command first
   * touched them; anything else is a bug, reported without a stack trace unless XTAL_DEBUG is set.
   */
  public static int report(Throwable ex, PrintWriter err) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof ExceptionInInitializerError) {
        // the deepest cause says which table and why (initializers can nest)
        String why = null;
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) if (c.getMessage() != null) why = c.getMessage();
        err.println("xtalc: " + (why == null ? "the space-group or element tables cannot be loaded" : why));
        return DATA_ERROR;
      }
      if (t instanceof NoClassDefFoundError n && String.valueOf(n.getMessage()).startsWith("Could not initialize class xtal.")) {
        err.println("xtalc: the space-group or element tables cannot be loaded (" + n.getMessage() + ")");
        return DATA_ERROR;
      }
    }
    err.println("xtalc: internal error: " + ex);
    if (System.getenv("XTAL_DEBUG") != null) ex.printStackTrace(err);
    else err.println("xtalc: set XTAL_DEBUG=1 for details, and please report this.");
    return INTERNAL;
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }

  /** The version from the jar manifest; "dev" when run from classes. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Xtalc.class.getPackage().getImplementationVersion();
      return new String[] {
        "xtalc " + (v == null ? "dev" : v),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
