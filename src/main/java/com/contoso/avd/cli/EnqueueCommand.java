package com.contoso.avd.cli;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.local.LocalHost;
import com.contoso.avd.queue.QueuedRequest;
import com.contoso.avd.queue.RequestQueue;
import com.contoso.avd.queue.ServiceBusRequestQueue;
import com.contoso.avd.request.DisconnectRequest;
import com.contoso.avd.request.InvalidRequestException;
import com.contoso.avd.request.RequestParser;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Puts disconnect requests on the requests queue, validated first, in batches, with messageId = requestId. */
@Command(name = "enqueue", mixinStandardHelpOptions = true,
        description = {"Send disconnect requests to the requests queue for the queue function to carry out.",
            "One request from the selectors (as for disconnect), or many from --from-file (JSON Lines).",
            "Every request is validated before anything is sent."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all sent", "1:unexpected error", "2:invalid input (nothing sent)",
            "5:a send failed (the summary says how many were sent before)"})
final class EnqueueCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = "--from-file", paramLabel = "FILE", description = "JSON Lines: one request object per line.")
    Path fromFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    static final class Destination {
        @Option(names = "--namespace", paramLabel = "FQDN",
                description = "Service Bus namespace, such as sb-avd.servicebus.windows.net (DefaultAzureCredential).")
        String namespace;

        @Option(names = "--connection-string-env", paramLabel = "VAR",
                description = "Name of an environment variable holding a Service Bus connection string "
                        + "(never the string itself: it would land in shell history).")
        String connectionStringEnv;

        @Option(names = "--local", arity = "0..1", paramLabel = "URL", fallbackValue = "http://127.0.0.1:7071",
                description = "The local host's queue (default URL: ${FALLBACK-VALUE}).")
        String local;
    }

    @Option(names = "--queue", paramLabel = "NAME",
            description = "Queue name (default: DISCONNECT_REQUESTS_QUEUE or disconnect-requests).")
    String queue;

    @Option(names = "--delay", paramLabel = "DURATION", description = "Deliver later: 90s, 10m, 2h or PT10M.")
    String delay;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Deliver at this UTC time, such as 2026-11-25T19:00:00Z.")
    Instant at;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> bodies;
        try {
            bodies = bodies();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.INVALID;
        }
        // A request without subscriptionId gets the function app's AVD_DEFAULT_SUBSCRIPTION_ID, not ours: when
        // none is set here, validate the rest with a placeholder and send the body as written.
        String defaultSubscription = System.getenv(AppSettings.DEFAULT_SUBSCRIPTION_ID);
        RequestParser parser = new RequestParser(defaultSubscription != null ? defaultSubscription
                : "00000000-0000-0000-0000-000000000000");
        List<QueuedRequest> requests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Instant scheduledAt = scheduledAt();
        for (int i = 0; i < bodies.size(); i++) {
            try {
                DisconnectRequest request = parser.parse(bodies.get(i), null);
                JsonObject body = JsonParser.parseString(bodies.get(i)).getAsJsonObject();
                if (!hasRequestId(body)) {
                    body.addProperty("requestId", request.requestId());
                }
                requests.add(new QueuedRequest(request.requestId(), body.toString(), scheduledAt));
            } catch (InvalidRequestException e) {
                problems.add((fromFile != null ? fromFile + ":" + (i + 1) + ": " : "") + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(spec.commandLine().getErr()::println);
            spec.commandLine().getErr().println("nothing sent: " + problems.size() + " invalid request(s)");
            return ExitCodes.INVALID;
        }
        int sent = 0;
        int exit = ExitCodes.OK;
        String failure = null;
        try {
            send(requests);
            sent = requests.size();
        } catch (RequestQueue.SendFailure e) {
            sent = e.sent();
            failure = e.getMessage();
            exit = ExitCodes.FAILED;
        }
        JsonObject summary = new JsonObject();
        summary.addProperty("queue", destination.local != null ? destination.local + LocalHost.QUEUE_ROUTE : queueName());
        summary.addProperty("requests", requests.size());
        summary.addProperty("sent", sent);
        if (scheduledAt != null) {
            summary.addProperty("scheduledAt", scheduledAt.toString());
        }
        JsonArray ids = new JsonArray();
        requests.subList(0, sent).forEach(r -> ids.add(r.messageId()));
        summary.add("messageIds", ids);
        if (failure != null) {
            summary.addProperty("error", failure);
        }
        spec.commandLine().getOut().println(summary);
        return exit;
    }

    private List<String> bodies() throws IOException {
        if (fromFile != null && !target.isEmpty()) {
            throw new IllegalArgumentException("give either --from-file or the selectors, not both");
        }
        if (fromFile == null) {
            if (target.isEmpty()) {
                throw new IllegalArgumentException("give the session (--resource-group, --host-pool, --session-host, "
                        + "--id, or --input-object) or --from-file");
            }
            return List.of(target.toRequest(false).toString());
        }
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(fromFile)) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(fromFile + " holds no requests");
        }
        return lines;
    }

    private void send(List<QueuedRequest> requests) throws IOException, InterruptedException {
        if (destination.local != null) {
            sendLocal(requests);
            return;
        }
        ServiceBusClientBuilder builder = new ServiceBusClientBuilder();
        if (destination.namespace != null) {
            builder.fullyQualifiedNamespace(destination.namespace).credential(new DefaultAzureCredentialBuilder().build());
        } else {
            String connectionString = System.getenv(destination.connectionStringEnv);
            if (connectionString == null || connectionString.isBlank()) {
                throw new IllegalArgumentException("environment variable " + destination.connectionStringEnv
                        + " is not set");
            }
            builder.connectionString(connectionString);
        }
        try (ServiceBusSenderClient sender = builder.sender().queueName(queueName()).buildClient()) {
            new ServiceBusRequestQueue(() -> sender).send(requests);
        }
    }

    /** The local host's stand-in queue: one HTTP call per scheduling group, request ids kept as message ids. */
    private void sendLocal(List<QueuedRequest> requests) throws IOException, InterruptedException {
        JsonArray array = new JsonArray();
        requests.forEach(r -> array.add(JsonParser.parseString(r.body())));
        Instant scheduled = requests.get(0).scheduledAt();
        String query = scheduled == null ? "" : "?delaySeconds="
                + Math.max(0, Duration.between(Instant.now(), scheduled).toSeconds());
        HttpRequest request = HttpRequest.newBuilder(URI.create(destination.local + LocalHost.QUEUE_ROUTE + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(array.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RequestQueue.SendFailure(0, e);
        }
        if (response.statusCode() != 202) {
            throw new RequestQueue.SendFailure(0, new IOException("HTTP " + response.statusCode()));
        }
    }

    private String queueName() {
        return queue != null ? queue
                : System.getenv().getOrDefault(AppSettings.REQUESTS_QUEUE, "disconnect-requests");
    }

    private Instant scheduledAt() {
        if (delay != null && at != null) {
            throw new IllegalArgumentException("give --delay or --at, not both");
        }
        return at != null ? at : delay == null ? null : Instant.now().plus(duration(delay));
    }

    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("--delay takes 90s, 10m, 2h or PT10M, not " + text);
        };
    }

    private static boolean hasRequestId(JsonObject body) {
        return body.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("requestId")
                && !body.get(k).isJsonNull());
    }
}
