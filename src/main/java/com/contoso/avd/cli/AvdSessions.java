package com.contoso.avd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code java -jar avd-sessions.jar}: the app's command line. */
@Command(name = "avd-sessions", mixinStandardHelpOptions = true, version = "avd-sessions 1.0",
        description = "Disconnect Azure Virtual Desktop user sessions, queue disconnect requests, or run the app "
                + "locally against the embedded AVD emulator.",
        subcommands = {DisconnectCommand.class, EnqueueCommand.class, CleanupCommand.class, LocalCommand.class,
            HelpCommand.class})
public final class AvdSessions implements Runnable {
    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        return commandLine().execute(args);
    }

    /** The command line, for tests that capture its output. */
    public static CommandLine commandLine() {
        // "--policy @file" is ours to read, not picocli's argument file.
        CommandLine cli = new CommandLine(new AvdSessions()).setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? ExitCodes.INVALID : ExitCodes.ERROR;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
