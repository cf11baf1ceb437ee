package dev.defactify.training.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar defactify-training.jar <verb>}: demo-data, train, evaluate, export, publish. */
@Command(name = "defactify-training", mixinStandardHelpOptions = true, version = "defactify-training 0.1.0",
        description = "Train, evaluate and export DeFactifyNet (real vs AI-generated images, and which generator).",
        subcommands = {DemoDataCommand.class, TrainCommand.class, EvaluateCommand.class, ExportCommand.class,
            PublishCommand.class,
            CommandLine.HelpCommand.class})
public final class TrainingCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; separate from {@link #main} so tests can call it. */
    public static int run(String... args) {
        // Natives come from jars on the class path; nothing is downloaded at run time unless the operator says so
        // explicitly (the CUDA route on a GPU instance, README "Training on a GPU").
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.setProperty("java.awt.headless", "true");
        CommandLine commandLine = new CommandLine(new TrainingCli());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println(line.getColorScheme().errorText("error: " + messageOf(exception)));
            if (Boolean.getBoolean("defactify.trace")) {
                exception.printStackTrace(line.getErr());
            }
            return exception instanceof IllegalArgumentException ? 2 : 1;
        });
        return commandLine.execute(args);
    }

    private static String messageOf(Throwable exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }
}
