package com.contoso.avd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.app.AppServices;
import com.contoso.avd.arm.UserSessionId;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.functions.DisconnectHttpFunction;
import com.contoso.avd.local.LocalExecutionContext;
import com.contoso.avd.local.LocalHttpRequest;
import com.contoso.avd.support.RecordingPublisher;
import com.contoso.avd.support.TestApp;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated requests through the HTTP function, against the HTTPS emulator: nothing throws out of the
 * function, every refusal is a 4xx that names the field, and every ARM call that is made goes to exactly the path of
 * a validated, in-scope target.
 */
class HostileInputProperties {
    private static AvdEmulator emulator;
    private static RecordingPublisher published;
    private static DisconnectHttpFunction function;
    private static final AtomicInteger TRIED = new AtomicInteger();
    /** Held so the level sticks: JUL keeps loggers weakly. */
    private static final Logger QUIET = Logger.getLogger("Function.DisconnectHttp");
    private static final Set<Integer> STATUSES = Set.of(200, 207, 400, 403, 404, 413);

    @BeforeContainer
    static void start() {
        emulator = AvdEmulator.start();
        published = new RecordingPublisher();
        AppServices services = TestApp.services(emulator, published);
        function = new DisconnectHttpFunction(services::handler, () -> "/test");
        QUIET.setLevel(Level.WARNING);
    }

    @AfterContainer
    static void stop() {
        emulator.close();
        System.out.println("hostile inputs tried: " + TRIED.get());
    }

    @Property(tries = 1500)
    void mutatedRequestsAreRefusedPreciselyOrCarriedOutExactly(@ForAll("requests") String body) {
        TRIED.incrementAndGet();
        emulator.reset();
        TestApp.seed(emulator);
        published.clear();
        HttpResponseMessage response = function.run(LocalHttpRequest.postJson(body),
                new LocalExecutionContext("DisconnectHttp"));
        int status = response.getStatusCode();
        assertTrue(STATUSES.contains(status), "status " + status + " for " + abbreviate(body));
        JsonElement reply = JsonParser.parseString((String) response.getBody());
        if (status == 400 || status == 413) {
            JsonObject problem = reply.getAsJsonObject();
            String field = problem.get("field").getAsString();
            assertFalse(field.isBlank());
            assertTrue(problem.get("detail").getAsString().startsWith(field + ":"), problem.toString());
        }
        Set<String> validated = new HashSet<>();
        for (DisconnectResult result : published.published()) {
            boolean invalid = result.error() != null && "InvalidRequest".equals(result.error().code());
            assertEquals(invalid, result.error() != null && result.error().field() != null,
                    "an invalid request names its field: " + result.error());
            if (result.target() != null) {
                validated.add(result.target().path() + (result.whatIf() ? "" : "/disconnect"));
            }
        }
        for (AvdEmulator.Recorded call : emulator.requests()) {
            assertTrue(validated.contains(call.rawPath()), "an ARM call to " + call.rawPath()
                    + " that is not a validated target of " + abbreviate(body));
            String id = URLDecoder.decode(call.rawPath().replace("+", "%2B"), StandardCharsets.UTF_8)
                    .replaceAll("/disconnect$", "");
            UserSessionId parsed = UserSessionId.parse(id);
            assertEquals(call.rawPath().replaceAll("/disconnect$", ""), parsed.path(), "canonical path");
            assertTrue(parsed.resourceGroupName().equalsIgnoreCase(TestApp.RESOURCE_GROUP), "in scope");
        }
    }

    @Provide
    Arbitrary<String> requests() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, mutated()),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(1, arrays()),
                net.jqwik.api.Tuple.of(1, nested()));
    }

    private static final String[] FIELDS = {"subscriptionId", "resourceGroupName", "hostPoolName", "sessionHostName",
        "userSessionId", "id", "name", "inputObject", "whatIf", "passThru", "requestId", "reason",
        "HostPoolName", "HOSTPOOLNAME", "hostPoolNamе" /* Cyrillic e */, "bogus", "", "inputObject.id"};

    private Arbitrary<String> mutated() {
        Arbitrary<Integer> base = Arbitraries.integers().between(0, 2);
        Arbitrary<List<String>> edits = Combinators.combine(Arbitraries.of(FIELDS), value())
                .as((field, value) -> json(field) + ":" + value).list().ofMinSize(0).ofMaxSize(4);
        return Combinators.combine(base, edits, Arbitraries.of(true, false)).as((b, extra, duplicate) -> {
            List<String> members = new ArrayList<>(valid(b));
            if (duplicate && !members.isEmpty()) {
                members.add(members.get(0).replaceFirst("\"(\\w)", "\"$1").toUpperCase().replace("\"" ,"\""));
            }
            members.addAll(extra);
            return "{" + String.join(",", members) + "}";
        });
    }

    private static List<String> valid(int kind) {
        return switch (kind) {
            case 0 -> List.of("\"resourceGroupName\":\"" + TestApp.RESOURCE_GROUP + "\"",
                    "\"hostPoolName\":\"" + TestApp.HOST_POOL + "\"", "\"sessionHostName\":\"" + TestApp.SESSION_HOST
                            + "\"", "\"userSessionId\":\"1\"");
            case 1 -> List.of("\"inputObject\":\"" + TestApp.sessionId("3") + "\"");
            default -> List.of("\"inputObject\":{\"Id\":\"" + TestApp.sessionId("2") + "\"}", "\"whatIf\":true");
        };
    }

    private Arbitrary<String> value() {
        return Arbitraries.oneOf(
                Arbitraries.of("\"..\"", "\"../rg\"", "\"a/b\"", "\"%2F\"", "\"%2e%2e\"", "\"hp?x=1\"", "\"hp#f\"",
                        "\"hp\\u202e1\"", "\"h\\u200bp1\"", "\"ｈｐ-pooled\"", "\"İ1İ\"", "\"\\u0000\"", "\"a\\nb\"",
                        "\"\"", "\" \"", "null", "true", "0", "-1", "1e999", "1.5", "[]", "{}", "[1,2]",
                        "\"" + TestApp.sessionId("1").replace("/userSessions/", "/userSessions/../") + "\"",
                        "\"" + TestApp.sessionId("1") + "/\"", "\"" + TestApp.sessionId("1") + "?api-version=x\"",
                        "\"" + TestApp.sessionId("1").replace(TestApp.SUBSCRIPTION,
                                TestApp.OTHER_SUBSCRIPTION) + "\"",
                        "\"" + TestApp.sessionId("1").replace("rg-avd", "rg-avd2") + "\"",
                        "\"" + TestApp.sessionId("1").replace("/sessionHosts/" + TestApp.SESSION_HOST
                                + "/userSessions/1", "") + "\"",
                        "\"hp-pooled\"", "\"" + TestApp.SESSION_HOST + "\"", "\"1\"", "\"rg-avd\"", "\"RG-AVD\""),
                Arbitraries.strings().ofMaxLength(60).map(HostileInputProperties::json),
                Arbitraries.strings().withChars('a', '/', '.', '%', '2', 'F', '?').ofMaxLength(30)
                        .map(HostileInputProperties::json),
                Arbitraries.integers().between(1, 70_000).map(n -> json("x".repeat(n))));
    }

    private Arbitrary<String> arrays() {
        return Arbitraries.of(0, 1, 2, 99, 100, 101, 10_000).map(n -> {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : ",").append(i % 7 == 3 ? "7" : "{\"inputObject\":\"" + TestApp.sessionId("9")
                        + "\",\"whatIf\":true}");
            }
            return out.append("]").toString();
        });
    }

    private Arbitrary<String> nested() {
        return Arbitraries.integers().between(1, 5_000).map(depth ->
                "{\"inputObject\":" + "{\"properties\":".repeat(depth) + "1" + "}".repeat(depth + 1));
    }

    private static String json(String s) {
        JsonObject holder = new JsonObject();
        holder.addProperty("v", s);
        return holder.get("v").toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
