package dev.nabla.models.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nabla} command-line program: train and inspect the model zoo. */
@Command(name = "nabla", mixinStandardHelpOptions = true, version = "nabla 0.1.0",
        description = "Train, evaluate and inspect the Nabla model zoo.",
        subcommands = {ListCommand.class, TrainCommand.class})
public final class Main implements Runnable {

    /** Runs the program and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the program and returns its exit status (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
