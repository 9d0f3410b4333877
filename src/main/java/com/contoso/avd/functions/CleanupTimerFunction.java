package com.contoso.avd.functions;

import com.contoso.avd.app.AppSettings;
import com.contoso.avd.app.AzureServices;
import com.contoso.avd.cleanup.CleanupFailedException;
import com.contoso.avd.cleanup.CleanupSummary;
import com.contoso.avd.cleanup.IdleSessionCleanup;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.util.function.Supplier;

/**
 * The scheduled idle-session cleanup ({@code CLEANUP_SCHEDULE}, NCRONTAB in UTC). A failed run throws, so the
 * invocation shows as failed; it is not retried: the next occurrence runs the policy again, and its request ids
 * are the same, so nothing is disconnected twice.
 */
public final class CleanupTimerFunction {
    private final Supplier<IdleSessionCleanup> cleanup;

    /** Used by the Functions host. */
    public CleanupTimerFunction() {
        this(AzureServices::cleanup);
    }

    public CleanupTimerFunction(Supplier<IdleSessionCleanup> cleanup) {
        this.cleanup = cleanup;
    }

    @FunctionName("CleanupIdleSessions")
    public void run(
            @TimerTrigger(name = "timer", schedule = "%" + AppSettings.CLEANUP_SCHEDULE + "%") String timerInfo,
            final ExecutionContext context) {
        try {
            context.getLogger().info(cleanup.get().run().map(CleanupSummary::logLine)
                    .orElse("cleanup is off: " + AppSettings.CLEANUP_POLICY + " is not set or has no rules"));
        } catch (CleanupFailedException e) {
            context.getLogger().severe(e.summary().logLine() + ": " + e.getMessage());
            throw e;
        }
    }
}
