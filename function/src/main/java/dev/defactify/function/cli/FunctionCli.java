package dev.defactify.function.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar defactify-function.jar serve|score …}: the function's controllers on localhost, and scoring of
 * local files, with no AWS account needed for a local model.
 */
@Command(name = "defactify-function", mixinStandardHelpOptions = true,
        subcommands = {ServeCommand.class, ScoreCommand.class},
        description = "Serve DeFactifyNet over HTTP on localhost, or score image files.")
public final class FunctionCli {

    public static void main(String[] args) {
        // Before any logger exists: the jar's default logback.xml writes JSON lines for CloudWatch; people
        // at a terminal get plain lines.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-cli.xml");
        }
        int code = run(args);
        if (code != ServeCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new FunctionCli());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }
}
