package com.contoso.avd.local;

import com.contoso.avd.app.AppServices;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.emulator.DemoData;
import com.contoso.avd.cleanup.CleanupFailedException;
import com.contoso.avd.events.EventPublisher;
import com.contoso.avd.functions.CleanupTimerFunction;
import com.contoso.avd.functions.DisconnectHttpFunction;
import com.contoso.avd.functions.DisconnectQueueFunction;
import com.contoso.avd.queue.QueuedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The app on this machine, with no Azure account: the AVD emulator (HTTPS, demo data), the HTTP function on the
 * route it has in Azure, a stand-in requests queue feeding the queue function, and result events as JSON Lines.
 * The function classes are the ones deployed to Azure; only their bindings are played by this host.
 */
public final class LocalHost implements AutoCloseable {
    public static final String DISCONNECT_ROUTE = "/api/sessions/disconnect";
    public static final String QUEUE_ROUTE = "/local/queue";
    public static final String CLEANUP_ROUTE = "/local/cleanup";

    private final AvdEmulator emulator;
    private final HttpServer server;
    private final LocalQueue queue;
    private final JsonLinesPublisher results;
    private final AppServices services;
    private final Path certificate;
    private final Path resultsFile;
    private final Map<String, String> settings;

    /**
     * @param port        the HTTP port (7071, as {@code func start}); 0 for any free port
     * @param workDir     where the results file and the emulator's certificate are written
     * @param console     where results and logs are echoed, or {@code null}
     */
    public static LocalHost start(int port, Path workDir, PrintStream console) throws IOException {
        return new LocalHost(port, workDir, console);
    }

    private LocalHost(int port, Path workDir, PrintStream console) throws IOException {
        Files.createDirectories(workDir);
        emulator = AvdEmulator.start();
        DemoData.seed(emulator, Instant.now());
        certificate = workDir.resolve("emulator-cert.pem");
        Files.writeString(certificate, emulator.certificatePem());
        resultsFile = workDir.resolve("results.jsonl");
        settings = new HashMap<>();
        settings.put(AppSettings.ARM_ENDPOINT, emulator.endpoint().toString());
        settings.put(AppSettings.ALLOWED_SCOPES, DemoData.resourceGroupScope());
        settings.put(AppSettings.DEFAULT_SUBSCRIPTION_ID, DemoData.SUBSCRIPTION);
        settings.put(AppSettings.REQUESTS_QUEUE, "disconnect-requests");
        settings.put(AppSettings.RESULTS_TOPIC, "disconnect-results");
        settings.put(AppSettings.MAX_DELIVERY_COUNT, "10");
        settings.put(AppSettings.CLEANUP_POLICY, DemoData.cleanupPolicy());
        settings.put(AppSettings.CLEANUP_DRY_RUN, "false");
        AppSettings appSettings = new AppSettings(settings);
        results = new JsonLinesPublisher(resultsFile, console, appSettings.eventSource());
        services = AppServices.create(appSettings, DevelopmentCredential.forEndpoint(emulator.endpoint()),
                emulator.clientSslContext(), results);
        DisconnectHttpFunction http = new DisconnectHttpFunction(services::handler, appSettings::eventSource);
        DisconnectQueueFunction queueFunction = new DisconnectQueueFunction(services::handler);
        LocalExecutionContext queueContext = new LocalExecutionContext("DisconnectFromQueue");
        queue = new LocalQueue(appSettings.integer(AppSettings.MAX_DELIVERY_COUNT, 10, 1, 2000), 4,
                Duration.ofMinutes(10), (body, id, count) -> queueFunction.run(body, id, count, queueContext));

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "local-http");
            t.setDaemon(true);
            return t;
        }));
        LocalExecutionContext httpContext = new LocalExecutionContext("DisconnectHttp",
                Logger.getLogger("Function.DisconnectHttp"));
        server.createContext(DISCONNECT_ROUTE, exchange -> serve(exchange, () -> {
            HttpMethod method = method(exchange.getRequestMethod());
            if (method == null) {
                return new Reply(405, Map.of("Allow", "POST"), "");
            }
            HttpResponseMessage response = http.run(toRequest(exchange, method), httpContext);
            Map<String, String> headers = response instanceof LocalHttpRequest.Response local
                    ? local.getHeaders() : Map.of();
            return new Reply(response.getStatusCode(), headers, String.valueOf(response.getBody()));
        }));
        server.createContext(QUEUE_ROUTE, exchange -> serve(exchange, () -> queueRoute(exchange)));
        server.createContext(CLEANUP_ROUTE, exchange -> serve(exchange, () -> cleanupRoute(exchange)));
        server.createContext("/", exchange -> serve(exchange, () -> new Reply(404,
                Map.of("Content-Type", "application/json"), "{\"error\":\"no such route\"}")));
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public AvdEmulator emulator() {
        return emulator;
    }

    public LocalQueue queue() {
        return queue;
    }

    public Path certificate() {
        return certificate;
    }

    public Path resultsFile() {
        return resultsFile;
    }

    /** The app settings the local run uses. */
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        queue.close();
        emulator.close();
        results.close();
    }

    private Reply queueRoute(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equalsIgnoreCase("GET")) {
            JsonObject body = new JsonObject();
            LocalQueue.Stats stats = queue.stats();
            body.addProperty("sent", stats.sent());
            body.addProperty("duplicatesDropped", stats.duplicatesDropped());
            body.addProperty("deliveries", stats.deliveries());
            body.addProperty("completed", stats.completed());
            body.addProperty("pending", stats.pending());
            JsonArray dead = new JsonArray();
            for (LocalQueue.DeadLetter letter : queue.deadLetters()) {
                JsonObject d = new JsonObject();
                d.addProperty("messageId", letter.messageId());
                d.addProperty("deliveryCount", letter.deliveryCount());
                d.addProperty("reason", letter.reason());
                dead.add(d);
            }
            body.add("deadLettered", dead);
            return new Reply(200, Map.of("Content-Type", "application/json"), body.toString());
        }
        if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            return new Reply(405, Map.of("Allow", "GET, POST"), "");
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String delay = query(exchange.getRequestURI()).get("delaySeconds");
        if (delay != null && !delay.matches("\\d{1,7}")) {
            return new Reply(400, Map.of("Content-Type", "application/json"),
                    "{\"error\":\"delaySeconds must be a whole number of seconds\"}");
        }
        Instant at = delay == null ? null : Instant.now().plusSeconds(Long.parseLong(delay));
        List<QueuedRequest> messages = new ArrayList<>();
        JsonElement parsed = lenient(body);
        if (parsed != null && parsed.isJsonArray()) {
            for (JsonElement item : parsed.getAsJsonArray()) {
                messages.add(new QueuedRequest(messageId(item), item.toString(), at));
            }
        } else {
            // Sent as is, malformed or not: the queue function decides, as with a real message.
            messages.add(new QueuedRequest(messageId(parsed), body, at));
        }
        queue.send(messages);
        JsonObject reply = new JsonObject();
        JsonArray ids = new JsonArray();
        messages.forEach(m -> ids.add(m.messageId()));
        reply.addProperty("enqueued", messages.size());
        reply.add("messageIds", ids);
        return new Reply(202, Map.of("Content-Type", "application/json"), reply.toString());
    }

    /**
     * Runs the cleanup timer function once, now: with the policy in the body, or the local one
     * ({@code CLEANUP_POLICY}); {@code ?dryRun=true} to only select. Answers with the run's summary event.
     */
    private Reply cleanupRoute(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            return new Reply(405, Map.of("Allow", "POST"), "");
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String policy = body.isBlank() ? settings.get(AppSettings.CLEANUP_POLICY) : body;
        boolean dryRun = Boolean.parseBoolean(query(exchange.getRequestURI()).get("dryRun"));
        List<JsonObject> summaries = new ArrayList<>();
        EventPublisher events = (event, properties) -> {
            results.publish(event, properties);
            summaries.add(event);
        };
        CleanupTimerFunction timer = new CleanupTimerFunction(() -> services.cleanup(policy, dryRun, queue, events,
                Clock.systemUTC()));
        int status = 200;
        try {
            timer.run("{}", new LocalExecutionContext("CleanupIdleSessions"));
        } catch (CleanupFailedException e) {
            status = 500;
        }
        return new Reply(summaries.isEmpty() ? 204 : status, Map.of("Content-Type", "application/json"),
                summaries.isEmpty() ? "" : summaries.get(0).toString());
    }

    /** The request's own id when it has a usable one, so the message id is the request id as in Azure. */
    static String messageId(JsonElement request) {
        if (request != null && request.isJsonObject()) {
            for (Map.Entry<String, JsonElement> member : request.getAsJsonObject().entrySet()) {
                if (member.getKey().equalsIgnoreCase("requestId") && member.getValue().isJsonPrimitive()) {
                    String id = member.getValue().getAsString();
                    if (!id.isEmpty() && id.length() <= 128) {
                        return id;
                    }
                }
            }
        }
        return UUID.randomUUID().toString();
    }

    private static JsonElement lenient(String body) {
        try {
            return JsonParser.parseString(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static LocalHttpRequest toRequest(HttpExchange exchange, HttpMethod method) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        URI uri = URI.create("http://" + exchange.getRequestHeaders().getFirst("Host")
                + exchange.getRequestURI());
        return new LocalHttpRequest(uri, method, headers, query(exchange.getRequestURI()),
                body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
    }

    private static HttpMethod method(String name) {
        try {
            return HttpMethod.value(name.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                query.put(java.net.URLDecoder.decode(key, StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private record Reply(int status, Map<String, String> headers, String body) {
    }

    @FunctionalInterface
    private interface Route {
        Reply handle() throws IOException;
    }

    private static void serve(HttpExchange exchange, Route route) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = route.handle();
            } catch (RuntimeException e) {
                reply = new Reply(500, Map.of("Content-Type", "application/json"),
                        "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
