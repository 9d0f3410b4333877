package com.contoso.avd.cli;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.contoso.avd.app.AppServices;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.cleanup.CleanupFailedException;
import com.contoso.avd.cleanup.CleanupSummary;
import com.contoso.avd.cleanup.IdleSessionCleanup;
import com.contoso.avd.emulator.SelfSignedTls;
import com.contoso.avd.local.DevelopmentCredential;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
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
public final class CleanupCommand implements Callable<Integer> {
    private static final int OK = 0;
    private static final int INVALID = 2;
    private static final int FAILED = 5;

    @Option(names = "--policy", required = true, paramLabel = "JSON|@FILE",
            description = "The policy, in CLEANUP_POLICY's format, or @FILE to read it from a file (write "
                    + "--policy=@FILE: picocli expands a separate @FILE argument itself).")
    String policy;

    @Option(names = "--dry-run", description = "Preview only (required: the timer function is what acts).")
    boolean dryRun;

    @Option(names = "--arm-endpoint", paramLabel = "URL",
            description = "ARM endpoint (default: ARM_ENDPOINT or https://management.azure.com).")
    String armEndpoint;

    @Option(names = "--allowed-scopes", paramLabel = "SCOPES",
            description = "Comma-separated scopes the policy's host pools must be in, as the app's "
                    + "AVD_ALLOWED_SCOPES (default: AVD_ALLOWED_SCOPES, or * since this reads with your identity).")
    String allowedScopes;

    @Option(names = "--trust-cert", paramLabel = "PEM",
            description = "Trust the certificate(s) in this PEM file for ARM (for the local emulator).")
    Path trustCert;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!dryRun) {
            err.println("add --dry-run: this command only previews; the CleanupIdleSessions function acts");
            return INVALID;
        }
        Map<String, String> values = new HashMap<>(System.getenv());
        URI endpoint = URI.create(armEndpoint != null ? armEndpoint
                : values.getOrDefault(AppSettings.ARM_ENDPOINT, AppSettings.DEFAULT_ARM_ENDPOINT));
        values.put(AppSettings.ARM_ENDPOINT, endpoint.toString());
        values.put(AppSettings.ALLOWED_SCOPES, allowedScopes != null ? allowedScopes
                : values.getOrDefault(AppSettings.ALLOWED_SCOPES, "*"));
        values.put(AppSettings.CLEANUP_POLICY, policy.startsWith("@") ? Files.readString(Path.of(policy.substring(1)))
                : policy);
        values.put(AppSettings.CLEANUP_DRY_RUN, "true");
        AppServices services = AppServices.create(new AppSettings(values), credential(endpoint), tls(), result -> { });
        IdleSessionCleanup cleanup = services.cleanup(requests -> {
            throw new IllegalStateException("a dry run enqueues nothing");
        }, (event, properties) -> { }, Clock.systemUTC());
        try {
            Optional<CleanupSummary> summary = cleanup.run();
            if (summary.isEmpty()) {
                err.println("the policy has no rules: nothing to do");
                return OK;
            }
            print(out, summary.get());
            return OK;
        } catch (CleanupFailedException e) {
            print(out, e.summary());
            err.println(e.getMessage());
            CleanupSummary.Failure failure = e.summary().failure();
            return failure != null && "InvalidPolicy".equals(failure.code()) ? INVALID : FAILED;
        }
    }

    private static void print(PrintWriter out, CleanupSummary summary) {
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(summary.toJson(Integer.MAX_VALUE)));
        out.flush();
    }

    private static TokenCredential credential(URI endpoint) {
        return DevelopmentCredential.isLoopback(endpoint) ? DevelopmentCredential.forEndpoint(endpoint)
                : new DefaultAzureCredentialBuilder().build();
    }

    private SSLContext tls() {
        if (trustCert != null) {
            return SelfSignedTls.trustingPem(trustCert);
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
