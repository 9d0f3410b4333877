package com.contoso.avd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.local.LocalHost;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run as a new user meets it: the printed curl commands work, and {@code enqueue --local} reaches it. */
class LocalRunTest {
    private static final Pattern CURL = Pattern.compile("curl -s -X POST (\\S+) -H '([^']+)' -d '([^']+)'");
    private LocalHost host;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        host = LocalHost.start(0, dir, null);
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
    }

    @Test
    void thePrintedCurlCommandsWork() throws Exception {
        String banner = LocalCommand.banner(host);
        Matcher m = CURL.matcher(banner);
        List<Integer> statuses = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        while (m.find()) {
            String[] header = m.group(2).split(":\\s*", 2);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(m.group(1)))
                    .header(header[0], header[1]).POST(HttpRequest.BodyPublishers.ofString(m.group(3))).build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
        }
        assertEquals(List.of(200, 200, 202), statuses, banner);
        assertTrue(host.queue().awaitIdle(Duration.ofSeconds(10)));
        List<String> events = Files.readAllLines(host.resultsFile());
        assertEquals(3, events.size());
        assertEquals("demo-queue-5", JsonParser.parseString(events.get(2)).getAsJsonObject()
                .getAsJsonObject("data").get("requestId").getAsString());
    }

    @Test
    void theHttpRouteKeepsItsAzureStatusCodes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI route = host.baseUrl().resolve(LocalHost.DISCONNECT_ROUTE);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(route).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(route).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hostPoolName\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void enqueueLocalFeedsTheQueueFunction() throws Exception {
        Path requests = dir.resolve("requests.jsonl");
        Files.writeString(requests, String.join("\n",
                "{\"inputObject\":\"" + com.contoso.avd.emulator.DemoData.sessionId(0, "1") + "\",\"requestId\":\"bulk-1\"}",
                "{\"resourceGroupName\":\"rg-avd-demo\",\"hostPoolName\":\"hp-demo\",\"sessionHostName\":"
                        + "\"sh-demo-0.contoso.local\",\"id\":3}",
                ""));
        StringWriter out = new StringWriter();
        var cli = AvdSessions.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        int exit = cli.execute("enqueue", "--from-file", requests.toString(), "--local", host.baseUrl().toString());
        assertEquals(0, exit, out.toString());
        var summary = JsonParser.parseString(out.toString()).getAsJsonObject();
        assertEquals(2, summary.get("sent").getAsInt());
        assertEquals("bulk-1", summary.getAsJsonArray("messageIds").get(0).getAsString());
        assertTrue(host.queue().awaitIdle(Duration.ofSeconds(10)));
        assertEquals(2, host.queue().stats().completed());
        assertEquals("Disconnected", host.emulator().session(com.contoso.avd.emulator.DemoData.SUBSCRIPTION,
                "rg-avd-demo", "hp-demo", "sh-demo-0.contoso.local", "3").state());
    }

    @Test
    void theCleanupTimerFunctionRunsOnDemandThroughTheQueue() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI route = host.baseUrl().resolve(LocalHost.CLEANUP_ROUTE);
        HttpResponse<String> dry = http.send(HttpRequest.newBuilder(URI.create(route + "?dryRun=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, dry.statusCode(), dry.body());
        var totals = JsonParser.parseString(dry.body()).getAsJsonObject().getAsJsonObject("data")
                .getAsJsonObject("totals");
        assertEquals(3, totals.get("selected").getAsInt(), dry.body());
        assertEquals(0, totals.get("enqueued").getAsInt());
        assertEquals(0, host.queue().stats().sent());

        HttpResponse<String> run = http.send(HttpRequest.newBuilder(route).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, run.statusCode(), run.body());
        assertEquals(3, host.queue().stats().sent(), "two now, one scheduled after its warning");
        assertTrue(host.queue().awaitIdle(Duration.ofSeconds(10)));
        String demo = com.contoso.avd.emulator.DemoData.SUBSCRIPTION;
        assertEquals("Disconnected", host.emulator().session(demo, "rg-avd-demo", "hp-demo", "sh-demo-0.contoso.local",
                "1").state(), "11 h old: end of day");
        assertEquals("Active", host.emulator().session(demo, "rg-avd-demo", "hp-demo", "sh-demo-1.contoso.local",
                "6").state(), "service accounts are excluded");
        assertEquals("Active", host.emulator().session(demo, "rg-avd-demo", "hp-demo", "sh-demo-2.contoso.local",
                "7").state(), "warned, disconnected a minute later");
        assertEquals(1, host.emulator().messages().size());
    }

    @Test
    void enqueueRefusesInvalidRequestsAndSendsNothing() throws Exception {
        Path requests = dir.resolve("bad.jsonl");
        Files.writeString(requests, "{\"inputObject\":\"" + com.contoso.avd.emulator.DemoData.sessionId(0, "1")
                + "\"}\n{\"hostPoolName\":\"x\"}\n");
        StringWriter err = new StringWriter();
        var cli = AvdSessions.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("enqueue", "--from-file", requests.toString(), "--local", host.baseUrl().toString());
        assertEquals(ExitCodes.INVALID, exit);
        assertTrue(err.toString().contains("bad.jsonl:2"), err.toString());
        assertEquals(0, host.queue().stats().sent());
    }

    @Test
    void enqueueNeedsExactlyOneDestination() {
        var cli = AvdSessions.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute("enqueue", "--input-object", "x"));
    }
}
