package com.contoso.avd.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * An Azure Resource Manager stand-in for AVD user sessions: a real HTTPS server on loopback serving the
 * 2024-04-03 userSessions operations (get, list per host and per pool with {@code nextLink} paging and
 * {@code $filter}, disconnect, delete, sendMessage) and session hosts, over in-memory host pools. It requires a
 * bearer token and {@code api-version}, answers with ARM-shaped errors and headers, can throttle like ARM (token
 * buckets per subscription) and can be told to misbehave ({@link Fault}).
 */
public final class AvdEmulator implements AutoCloseable {
    /** The bearer token the emulator accepts. */
    public static final String TOKEN = "avd-emulator-development-token";
    public static final String API_VERSION = "2024-04-03";
    private static final String PROVIDER = "Microsoft.DesktopVirtualization";
    private static final Pattern FILTER_CLAUSE = Pattern.compile("\\s*(\\w+)\\s+eq\\s+'([^']*)'\\s*");

    static {
        // The JDK server leaves Nagle on: a response written in two pieces (headers, then body) waits for the
        // client's delayed ACK, ~40 ms per call, which ARM does not do. Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final SelfSignedTls tls;
    private final Map<String, HostPool> hostPools = new ConcurrentHashMap<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<SentMessage> messages = new CopyOnWriteArrayList<>();
    private final Map<String, ArmThrottle> writeBuckets = new ConcurrentHashMap<>();
    private final Map<String, ArmThrottle> readBuckets = new ConcurrentHashMap<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile int defaultPageSize = 100;
    private volatile double[] writeLimits;
    private volatile double[] readLimits;

    /** One request as the emulator saw it. */
    public record Recorded(String method, String rawPath, String rawQuery, String clientRequestId,
                           boolean bearer, Instant at) {
    }

    /** A message sent to a user through {@code sendMessage}. */
    public record SentMessage(String sessionResourceId, String title, String body) {
    }

    private AvdEmulator(HttpsServer server, ExecutorService executor, SelfSignedTls tls) {
        this.server = server;
        this.executor = executor;
        this.tls = tls;
    }

    /** Starts on {@code 127.0.0.1}, on {@code port} (0 for any free port). */
    public static AvdEmulator start(int port) {
        // Without TCP_NODELAY every response stalls ~40 ms on loopback (Nagle against delayed ACKs), which hides
        // what clients cost (listing a 10,000-session pool a page at a time). Read once, before the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            SelfSignedTls tls = SelfSignedTls.generate();
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
            AtomicInteger n = new AtomicInteger();
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "avd-emulator-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            AvdEmulator emulator = new AvdEmulator(server, executor, tls);
            server.createContext("/", emulator::handle);
            server.start();
            return emulator;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the AVD emulator: " + e.getMessage(), e);
        }
    }

    public static AvdEmulator start() {
        return start(0);
    }

    public URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A TLS context for clients, trusting this emulator's certificate. */
    public SSLContext clientSslContext() {
        return tls.clientContext();
    }

    public String certificatePem() {
        return tls.certificatePem();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- the model -------------------------------------------------------------------------------------------

    /** Creates (or returns) a host pool. */
    public HostPool hostPool(String subscriptionId, String resourceGroup, String name) {
        return hostPools.computeIfAbsent(key(subscriptionId, resourceGroup, name),
                k -> new HostPool(subscriptionId, resourceGroup, name));
    }

    public HostPool hostPool(String resourceId) {
        String[] s = resourceId.split("/");
        return hostPool(s[2], s[4], s[8]);
    }

    /** The session, or {@code null}. */
    public UserSession session(String subscriptionId, String resourceGroup, String hostPool, String sessionHost,
                               String id) {
        HostPool pool = hostPools.get(key(subscriptionId, resourceGroup, hostPool));
        SessionHost host = pool == null ? null : pool.sessionHosts.get(lower(sessionHost));
        return host == null ? null : host.sessions.get(id);
    }

    /** Host pools whose disconnects the caller is not authorized for (answered with 403). */
    public void forbid(String subscriptionId, String resourceGroup, String hostPool) {
        hostPool(subscriptionId, resourceGroup, hostPool).forbidden = true;
    }

    public void inject(Fault fault) {
        faults.add(fault);
    }

    public void latency(Duration perRequest) {
        this.latency = perRequest;
    }

    public void pageSize(int size) {
        this.defaultPageSize = size;
    }

    /** Throttles like ARM: token buckets per subscription for writes and reads, answering 429 + Retry-After. */
    public void throttle(int writeBurst, double writesPerSecond, int readBurst, double readsPerSecond) {
        writeBuckets.clear();
        readBuckets.clear();
        writeLimits = new double[] {writeBurst, writesPerSecond};
        readLimits = new double[] {readBurst, readsPerSecond};
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<SentMessage> messages() {
        return List.copyOf(messages);
    }

    /** How many requests were answered 429 by the ARM-like throttle. */
    public int throttledCount() {
        return throttled.get();
    }

    public void reset() {
        faults.clear();
        requests.clear();
        messages.clear();
        hostPools.clear();
        writeBuckets.clear();
        readBuckets.clear();
        writeLimits = null;
        readLimits = null;
        throttled.set(0);
        latency = Duration.ZERO;
        defaultPageSize = 100;
    }

    /** A host pool: its session hosts, in name order. */
    public final class HostPool {
        final String subscriptionId;
        final String resourceGroup;
        final String name;
        final Map<String, SessionHost> sessionHosts = Collections.synchronizedMap(new LinkedHashMap<>());
        volatile boolean forbidden;

        HostPool(String subscriptionId, String resourceGroup, String name) {
            this.subscriptionId = subscriptionId;
            this.resourceGroup = resourceGroup;
            this.name = name;
        }

        public SessionHost sessionHost(String hostName) {
            return sessionHosts.computeIfAbsent(lower(hostName), k -> new SessionHost(this, hostName));
        }

        public String resourceId() {
            return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup + "/providers/" + PROVIDER
                    + "/hostPools/" + name;
        }

        /** As the service writes it: segment keywords in lower case. */
        String armId() {
            return "/subscriptions/" + subscriptionId + "/resourcegroups/" + resourceGroup + "/providers/" + PROVIDER
                    + "/hostpools/" + name;
        }

        List<UserSession> sessions() {
            List<UserSession> all = new ArrayList<>();
            synchronized (sessionHosts) {
                for (SessionHost host : sessionHosts.values()) {
                    all.addAll(host.sessions.values());
                }
            }
            return all;
        }
    }

    /** A session host. */
    public final class SessionHost {
        final HostPool pool;
        final String name;
        final Map<String, UserSession> sessions = new ConcurrentHashMap<>();
        volatile boolean allowNewSession = true;

        SessionHost(HostPool pool, String name) {
            this.pool = pool;
            this.name = name;
        }

        /** Puts the host in drain mode ({@code allowNewSession = false}) or takes it out. */
        public SessionHost drain(boolean drain) {
            this.allowNewSession = !drain;
            return this;
        }

        public UserSession session(String id, String userPrincipalName, String state, String applicationType,
                                   Instant createTime) {
            UserSession session = new UserSession(this, id, userPrincipalName, state, applicationType, createTime);
            sessions.put(id, session);
            return session;
        }
    }

    /** A user session; {@code state} changes when it is disconnected. */
    public final class UserSession {
        final SessionHost host;
        final String id;
        final String userPrincipalName;
        final String applicationType;
        final Instant createTime;
        final String objectId = UUID.randomUUID().toString();
        volatile String state;
        final AtomicInteger disconnects = new AtomicInteger();

        UserSession(SessionHost host, String id, String userPrincipalName, String state, String applicationType,
                    Instant createTime) {
            this.host = host;
            this.id = id;
            this.userPrincipalName = userPrincipalName;
            this.state = state;
            this.applicationType = applicationType;
            this.createTime = createTime;
        }

        public String state() {
            return state;
        }

        /** How many disconnect actions reached this session. */
        public int disconnects() {
            return disconnects.get();
        }

        JsonObject toJson() {
            String pool = host.pool.name;
            JsonObject json = new JsonObject();
            json.addProperty("id", host.pool.armId() + "/sessionhosts/" + host.name + "/usersessions/" + id);
            json.addProperty("name", pool + "/" + host.name + "/" + id);
            json.addProperty("type", PROVIDER + "/hostpools/sessionhosts/usersessions");
            JsonObject properties = new JsonObject();
            properties.addProperty("objectId", objectId);
            properties.addProperty("userPrincipalName", userPrincipalName);
            properties.addProperty("applicationType", applicationType);
            properties.addProperty("sessionState", state);
            properties.addProperty("activeDirectoryUserName", "CONTOSO\\" + userPrincipalName.split("@")[0]);
            properties.addProperty("createTime", createTime.toString());
            json.add("properties", properties);
            return json;
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Recorded(method, rawPath, rawQuery,
                    exchange.getRequestHeaders().getFirst("x-ms-client-request-id"),
                    auth != null && auth.startsWith("Bearer "), Instant.now()));
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            sleep(latency);
            Fault fault = takeFault(method, rawPath);
            if (fault != null) {
                switch (fault.kind()) {
                    case DROP:
                        return; // closing without a response drops the connection
                    case TRUNCATE:
                        exchange.sendResponseHeaders(200, 1000);
                        exchange.getResponseBody().write("{\"value\": [".getBytes(StandardCharsets.UTF_8));
                        exchange.getResponseBody().flush();
                        return;
                    case DELAY:
                        sleep(fault.delay());
                        break;
                    case STATUS:
                        fault.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                        send(exchange, fault.status(), error(fault.status() == 429 ? "TooManyRequests"
                                : "InjectedFault" + fault.status(), "Injected fault: HTTP " + fault.status()));
                        return;
                    default:
                        break;
                }
            }
            route(exchange, method, rawPath, query(rawQuery), requestBody);
        } catch (IllegalArgumentException e) {
            send(exchange, 400, error("InvalidParameter", e.getMessage()));
        } catch (RuntimeException e) {
            send(exchange, 500, error("InternalServerError", e.toString()));
        }
    }

    private Fault takeFault(String method, String path) {
        synchronized (faults) {
            for (int i = 0; i < faults.size(); i++) {
                Fault f = faults.get(i);
                if (f.matches(method, path)) {
                    if (f.times() <= 1) {
                        faults.remove(i);
                    } else {
                        faults.set(i, new Fault(f.method(), f.pathContains(), f.times() - 1, f.kind(), f.status(),
                                f.headers(), f.delay()));
                    }
                    return f;
                }
            }
            return null;
        }
    }

    private void route(HttpExchange exchange, String method, String rawPath, Map<String, String> query,
                       byte[] requestBody) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            send(exchange, 401, error("AuthenticationFailed", "Authentication failed. The 'Authorization' header is "
                    + "missing."));
            return;
        }
        if (!auth.substring(7).equals(TOKEN)) {
            send(exchange, 401, error("InvalidAuthenticationToken", "The access token is invalid."));
            return;
        }
        String apiVersion = query.get("api-version");
        if (apiVersion == null) {
            send(exchange, 400, error("MissingApiVersionParameter", "The api-version query parameter (?api-version=) "
                    + "is required for all requests."));
            return;
        }
        if (!API_VERSION.equals(apiVersion)) {
            send(exchange, 400, error("InvalidApiVersionParameter", "The api-version '" + apiVersion
                    + "' is invalid. The supported versions are '" + API_VERSION + "'."));
            return;
        }
        List<String> s = segments(rawPath);
        if (s.size() < 8 || !is(s, 0, "subscriptions") || !is(s, 2, "resourcegroups") || !is(s, 4, "providers")
                || !is(s, 5, PROVIDER) || !is(s, 6, "hostpools")) {
            send(exchange, 404, error("NotFound", "No route for " + method + " " + rawPath));
            return;
        }
        boolean write = !method.equals("GET");
        if (!admit(s.get(1), write, exchange)) {
            return;
        }
        HostPool pool = hostPools.get(key(s.get(1), s.get(3), s.get(7)));
        if (pool == null) {
            send(exchange, 404, error("ResourceNotFound", "The Resource '" + PROVIDER + "/hostPools/" + s.get(7)
                    + "' under resource group '" + s.get(3) + "' was not found."));
            return;
        }
        List<String> rest = s.subList(8, s.size());
        if (rest.size() == 1 && is(rest, 0, "usersessions") && method.equals("GET")) {
            list(exchange, rawPath, query, filter(pool.sessions(), query.get("$filter"), exchange));
            return;
        }
        if (rest.size() == 1 && is(rest, 0, "sessionhosts") && method.equals("GET")) {
            List<SessionHost> hosts;
            synchronized (pool.sessionHosts) {
                hosts = new ArrayList<>(pool.sessionHosts.values());
            }
            page(exchange, rawPath, query, hosts, this::sessionHostJson);
            return;
        }
        if (rest.size() < 2 || !is(rest, 0, "sessionhosts")) {
            send(exchange, 404, error("NotFound", "No route for " + method + " " + rawPath));
            return;
        }
        SessionHost host = pool.sessionHosts.get(lower(rest.get(1)));
        if (host == null) {
            send(exchange, 404, error("ResourceNotFound", "SessionHost " + rest.get(1) + " not found."));
            return;
        }
        if (rest.size() == 3 && is(rest, 2, "usersessions") && method.equals("GET")) {
            list(exchange, rawPath, query, new ArrayList<>(host.sessions.values()));
            return;
        }
        if (rest.size() < 4 || !is(rest, 2, "usersessions") || rest.size() > 5) {
            send(exchange, 404, error("NotFound", "No route for " + method + " " + rawPath));
            return;
        }
        if (pool.forbidden && write) {
            String action = rest.size() == 5 ? "usersessions/" + lower(rest.get(4)) + "/action" : "usersessions/delete";
            send(exchange, 403, error("AuthorizationFailed", "The client does not have authorization to perform "
                    + "action '" + PROVIDER + "/hostpools/sessionhosts/" + action + "' over scope '"
                    + pool.resourceId() + "' or the scope is invalid."));
            return;
        }
        UserSession session = host.sessions.get(rest.get(3));
        String action = rest.size() == 5 ? lower(rest.get(4)) : "";
        if (session == null) {
            if (method.equals("DELETE") && action.isEmpty()) {
                send(exchange, 204, null);
            } else {
                send(exchange, 404, error("NotFound", "User session ID not found."));
            }
            return;
        }
        if (write && exchange.getRequestHeaders().getFirst("Content-Length") == null
                && exchange.getRequestHeaders().getFirst("Transfer-Encoding") == null) {
            send(exchange, 411, error("LengthRequired", "Length Required"));
            return;
        }
        switch (method + " " + action) {
            case "GET " -> send(exchange, 200, session.toJson());
            case "DELETE " -> {
                host.sessions.remove(session.id);
                send(exchange, 200, null);
            }
            case "POST disconnect" -> {
                session.disconnects.incrementAndGet();
                session.state = "Disconnected";
                send(exchange, 200, null);
            }
            case "POST sendmessage" -> {
                JsonObject message = requestBody.length == 0 ? new JsonObject()
                        : JsonParser.parseString(new String(requestBody, StandardCharsets.UTF_8)).getAsJsonObject();
                messages.add(new SentMessage(session.toJson().get("id").getAsString(),
                        message.has("messageTitle") ? message.get("messageTitle").getAsString() : null,
                        message.has("messageBody") ? message.get("messageBody").getAsString() : null));
                send(exchange, 200, null);
            }
            default -> send(exchange, 405, error("MethodNotAllowed", method + " is not supported on " + rawPath));
        }
    }

    /** ARM's per-subscription token buckets; answers 429 and returns false when the caller must wait. */
    private boolean admit(String subscription, boolean write, HttpExchange exchange) throws IOException {
        double[] limits = write ? writeLimits : readLimits;
        if (limits == null) {
            return true;
        }
        ArmThrottle bucket = (write ? writeBuckets : readBuckets).computeIfAbsent(lower(subscription),
                k -> new ArmThrottle(limits[0], limits[1]));
        double wait = bucket.take();
        String header = "x-ms-ratelimit-remaining-subscription-" + (write ? "writes" : "reads");
        exchange.getResponseHeaders().add(header, String.valueOf((long) Math.floor(bucket.remaining())));
        if (wait <= 0) {
            return true;
        }
        throttled.incrementAndGet();
        exchange.getResponseHeaders().add("Retry-After", String.valueOf((long) Math.ceil(wait)));
        send(exchange, 429, error("TooManyRequests", "Number of " + (write ? "write" : "read")
                + " requests for subscription '" + subscription + "' exceeded the limit."));
        return false;
    }

    /** A token bucket: {@code take} returns 0 when a token was taken, else the seconds until one is available. */
    private static final class ArmThrottle {
        private final double capacity;
        private final double perSecond;
        private double tokens;
        private long last = System.nanoTime();

        ArmThrottle(double capacity, double perSecond) {
            this.capacity = capacity;
            this.perSecond = perSecond;
            this.tokens = capacity;
        }

        synchronized double take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (1 - tokens) / perSecond;
        }

        synchronized double remaining() {
            return tokens;
        }
    }

    private List<UserSession> filter(List<UserSession> sessions, String filter, HttpExchange exchange) {
        if (filter == null || filter.isBlank()) {
            return sessions;
        }
        List<UserSession> kept = new ArrayList<>(sessions);
        for (String clause : filter.split("(?i)\\s+and\\s+")) {
            Matcher m = FILTER_CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw new IllegalArgumentException("unsupported $filter clause: " + clause);
            }
            String field = lower(m.group(1));
            String value = m.group(2);
            kept.removeIf(s -> switch (field) {
                case "userprincipalname" -> !s.userPrincipalName.equalsIgnoreCase(value);
                case "sessionstate", "state" -> !s.state.equalsIgnoreCase(value);
                default -> throw new IllegalArgumentException("unsupported $filter field: " + field);
            });
        }
        return kept;
    }

    private void list(HttpExchange exchange, String rawPath, Map<String, String> query, List<UserSession> sessions)
            throws IOException {
        sessions.sort((a, b) -> {
            int byHost = a.host.name.compareToIgnoreCase(b.host.name);
            return byHost != 0 ? byHost : compareIds(a.id, b.id);
        });
        page(exchange, rawPath, query, sessions, UserSession::toJson);
    }

    /** One page of {@code items}; only the items on it are rendered, so large pools page quickly. */
    private <T> void page(HttpExchange exchange, String rawPath, Map<String, String> query, List<T> items,
                          Function<T, JsonObject> json) throws IOException {
        int size = query.containsKey("pageSize") ? Integer.parseInt(query.get("pageSize")) : defaultPageSize;
        int skip = query.containsKey("$skiptoken") ? Integer.parseInt(query.get("$skiptoken")) : 0;
        JsonArray value = new JsonArray();
        for (int i = skip; i < Math.min(items.size(), skip + size); i++) {
            value.add(json.apply(items.get(i)));
        }
        JsonObject body = new JsonObject();
        body.add("value", value);
        if (skip + size < items.size()) {
            StringBuilder next = new StringBuilder(endpoint() + rawPath + "?api-version=" + API_VERSION);
            for (String carried : new String[] {"$filter", "pageSize"}) {
                if (query.containsKey(carried)) {
                    next.append('&').append(carried).append('=').append(encode(query.get(carried)));
                }
            }
            next.append("&$skiptoken=").append(skip + size);
            body.addProperty("nextLink", next.toString());
        }
        send(exchange, 200, body);
    }

    private JsonObject sessionHostJson(SessionHost host) {
        JsonObject json = new JsonObject();
        json.addProperty("id", host.pool.armId() + "/sessionhosts/" + host.name);
        json.addProperty("name", host.pool.name + "/" + host.name);
        json.addProperty("type", PROVIDER + "/hostpools/sessionhosts");
        JsonObject properties = new JsonObject();
        properties.addProperty("allowNewSession", host.allowNewSession);
        properties.addProperty("sessions", host.sessions.size());
        properties.addProperty("status", "Available");
        json.add("properties", properties);
        return json;
    }

    private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.add("x-ms-request-id", UUID.randomUUID().toString());
        headers.add("x-ms-correlation-request-id", UUID.randomUUID().toString());
        if (body == null || status == 204) {
            exchange.sendResponseHeaders(status, -1); // Content-Length: 0, as ARM answers an action
            return;
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        headers.add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static JsonObject error(String code, String message) {
        JsonObject inner = new JsonObject();
        inner.addProperty("code", code);
        inner.addProperty("message", message);
        JsonObject error = new JsonObject();
        error.add("error", inner);
        return error;
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                out.add(decode(segment));
            }
        }
        return out;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1).replace('+', ' ')));
            }
        }
        return out;
    }

    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean is(List<String> segments, int i, String keyword) {
        return segments.get(i).equalsIgnoreCase(keyword);
    }

    /** Session ids sort as numbers where both are, as the service's do; this runs for every page, so no regex. */
    private static int compareIds(String a, String b) {
        if (isNumber(a) && isNumber(b)) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String key(String subscription, String resourceGroup, String hostPool) {
        return lower(subscription + "/" + resourceGroup + "/" + hostPool);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static void sleep(Duration d) {
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
