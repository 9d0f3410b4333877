package com.contoso.avd.cli;

import com.contoso.avd.emulator.DemoData;
import com.contoso.avd.local.LocalHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the whole app on this machine against the embedded AVD emulator. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Run the app locally against the embedded AVD emulator (no Azure account needed).",
            "Starts the AVD ARM emulator (HTTPS, demo host pool), the HTTP function on",
            "http://127.0.0.1:7071/api/sessions/disconnect, a stand-in requests queue feeding the queue function,",
            "the cleanup timer function on demand, and writes result events as JSON Lines. Ctrl-C stops it."})
final class LocalCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "7071", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", defaultValue = ".avd-local",
            description = "Where results.jsonl and the emulator's certificate go (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LocalHost host = LocalHost.start(port, dir, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                host.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
            stopped.countDown();
        }, "local-stop"));
        out.println(banner(host));
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    static String banner(LocalHost host) {
        String base = host.baseUrl().toString();
        String json = "-H 'Content-Type: application/json'";
        return String.join("\n",
                "avd-session-disconnect is running locally (Ctrl-C to stop)",
                "  AVD ARM emulator   " + host.emulator().endpoint() + "  (certificate: " + host.certificate() + ")",
                "    demo host pool   " + DemoData.SUBSCRIPTION + "/" + DemoData.RESOURCE_GROUP + "/"
                        + DemoData.HOST_POOL + ", sessions 1-8 on " + String.join(", ", DemoData.SESSION_HOSTS),
                "  HTTP function      POST " + base + LocalHost.DISCONNECT_ROUTE,
                "  requests queue     POST " + base + LocalHost.QUEUE_ROUTE + "   (GET for counts and dead letters)",
                "  cleanup, now       POST " + base + LocalHost.CLEANUP_ROUTE + "   (?dryRun=true to only select; "
                        + "the body may carry a policy)",
                "  result events      " + host.resultsFile() + " (and below)",
                "  allowed scope      " + DemoData.resourceGroupScope(),
                "",
                "Try:",
                "  # 1. disconnect session 1 by name (the cmdlet's Disconnect parameter set)",
                "  curl -s -X POST " + base + LocalHost.DISCONNECT_ROUTE + " " + json + " -d '{\"resourceGroupName\":\""
                        + DemoData.RESOURCE_GROUP + "\",\"hostPoolName\":\"" + DemoData.HOST_POOL
                        + "\",\"sessionHostName\":\"" + DemoData.SESSION_HOSTS[0] + "\",\"userSessionId\":\"1\"}'",
                "  # 2. what-if for session 4 by resource id (DisconnectViaIdentity)",
                "  curl -s -X POST " + base + LocalHost.DISCONNECT_ROUTE + " " + json + " -d '{\"inputObject\":\""
                        + DemoData.sessionId(1, "4") + "\",\"whatIf\":true}'",
                "  # 3. queue a disconnect of session 5; its result event lands in " + host.resultsFile(),
                "  curl -s -X POST " + base + LocalHost.QUEUE_ROUTE + " " + json + " -d '{\"inputObject\":\""
                        + DemoData.sessionId(1, "5") + "\",\"requestId\":\"demo-queue-5\"}'",
                "");
    }
}
