package com.contoso.avd.cli;

import com.contoso.avd.app.AppServices;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.cleanup.CleanupFailedException;
import com.contoso.avd.cleanup.CleanupSummary;
import com.contoso.avd.cleanup.IdleSessionCleanup;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A preview of the scheduled cleanup against real ARM or the emulator: the selection the timer function would make
 * now, as its run summary. It reads only: nobody is warned and nothing is enqueued.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Preview the idle-session cleanup: list the policy's host pools, select sessions as the timer "
                + "function would now, and print the run summary (JSON) with every would-be selection.",
            "Read-only: no message is sent and nothing is enqueued; --dry-run says so and is required."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the selection was made (or the policy has no rules)", "1:unexpected error",
            "2:invalid policy or options", "5:a host pool could not be listed"})
final class CleanupCommand implements Callable<Integer> {
    @Option(names = "--policy", required = true, paramLabel = "JSON|@FILE",
            description = "The policy, in CLEANUP_POLICY's format, or @FILE to read it from a file (write "
                    + "--policy=@FILE: picocli expands a separate @FILE argument itself).")
    String policy;

    @Option(names = "--dry-run", description = "Preview only (required: the timer function is what acts).")
    boolean dryRun;

    @Mixin
    ArmOptions arm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!dryRun) {
            err.println("add --dry-run: this command only previews; the CleanupIdleSessions function acts");
            return ExitCodes.INVALID;
        }
        Map<String, String> values = new HashMap<>(arm.settings().values());
        values.put(AppSettings.CLEANUP_POLICY, policy.startsWith("@") ? Files.readString(Path.of(policy.substring(1)))
                : policy);
        values.put(AppSettings.CLEANUP_DRY_RUN, "true");
        AppServices services = AppServices.create(new AppSettings(values), arm.credential(), arm.tls(), result -> { });
        IdleSessionCleanup cleanup = services.cleanup(requests -> {
            throw new IllegalStateException("a dry run enqueues nothing");
        }, (event, properties) -> { }, Clock.systemUTC());
        try {
            Optional<CleanupSummary> summary = cleanup.run();
            if (summary.isEmpty()) {
                err.println("the policy has no rules: nothing to do");
                return ExitCodes.OK;
            }
            print(out, summary.get());
            return ExitCodes.OK;
        } catch (CleanupFailedException e) {
            print(out, e.summary());
            err.println(e.getMessage());
            CleanupSummary.Failure failure = e.summary().failure();
            return failure != null && "InvalidPolicy".equals(failure.code()) ? ExitCodes.INVALID : ExitCodes.FAILED;
        }
    }

    private static void print(PrintWriter out, CleanupSummary summary) {
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(summary.toJson(Integer.MAX_VALUE)));
        out.flush();
    }
}
