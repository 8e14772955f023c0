package dev.nabla.models.cli;

import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The {@code nabla} command-line program: train, evaluate, sample and inspect the model zoo. */
@Command(name = "nabla", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, evaluate and inspect the Nabla model zoo.",
        subcommands = {ListCommand.class, TrainCommand.class, EvalCommand.class, SampleCommand.class, BenchCommand.class,
                DoctorCommand.class})
public final class Main implements Runnable {

    /** Exit status for bad input: unknown names, bad option values, missing or malformed files. */
    public static final int BAD_INPUT = 2;
    /** Exit status for a run that failed on its own (e.g. the loss diverged). */
    public static final int FAILED = 1;
    /** Exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it), after its checkpoint and summary. */
    public static final int INTERRUPTED = 130;

    /** Runs the program and exits with its status. */
    public static void main(String[] args) {
        // The program draws PNGs and digits off-screen and never opens a window: the application, not the
        // library code that draws, decides that AWT runs headless.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        System.exit(run(args));
    }

    /** Runs the program and returns its exit status (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see 'nabla "
                    + e.getCommandLine().getCommandName() + " --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
                cmd.getErr().println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof IllegalStateException || e instanceof UnsupportedOperationException) {
                cmd.getErr().println("error: " + e.getMessage());
                return FAILED;
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
