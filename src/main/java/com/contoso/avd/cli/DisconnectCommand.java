package com.contoso.avd.cli;

import com.contoso.avd.app.AppServices;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.disconnect.Trigger;
import com.contoso.avd.events.ResultEvent;
import com.google.gson.GsonBuilder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Disconnect-AzWvdUserSession from a shell, through the same core as the functions. */
@Command(name = "disconnect", mixinStandardHelpOptions = true,
        description = {"Disconnect one user session (the Disconnect-AzWvdUserSession cmdlet) and print its result event.",
            "Name-based: --resource-group, --host-pool, --session-host, --id [--subscription-id].",
            "Identity: --input-object <resource id | identity JSON>."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:disconnected, or what-if", "1:unexpected error", "2:invalid input",
            "3:user session not found", "4:forbidden (missing role) or outside the allowed scopes",
            "5:failed (ARM errors or throttling past retries)"})
final class DisconnectCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Mixin
    ArmOptions arm;

    @Option(names = "--pass-thru", description = "Print only true or false, as the cmdlet's -PassThru.")
    boolean passThru;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AppSettings settings = arm.settings();
        AppServices services = AppServices.create(settings, arm.credential(), arm.tls(), result -> { });
        String request = target.toRequest(passThru).toString();
        DisconnectResult result = services.handler().handleBody(request, Trigger.CLI).results().get(0);
        var out = spec.commandLine().getOut();
        if (passThru) {
            out.println(result.succeeded());
        } else {
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(ResultEvent.of(result, "/avd-sessions/cli")));
        }
        out.flush();
        if (result.error() != null && result.outcome() != com.contoso.avd.disconnect.DisconnectOutcome.SUCCEEDED) {
            spec.commandLine().getErr().println(result.outcome().value() + ": " + result.error().message());
        }
        return ExitCodes.of(result);
    }
}
