package com.contoso.avd.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The function.json files that {@code mvn package} generates are what the Functions host reads: this checks every
 * binding of every function, so a changed annotation cannot silently change the deployed contract.
 */
class FunctionJsonContractIT {
    private static final Path STAGING = Path.of(System.getProperty("functions.staging",
            "target/azure-functions/avd-session-disconnect"));

    private static JsonObject functionJson(String function) throws IOException {
        return JsonParser.parseString(Files.readString(STAGING.resolve(function).resolve("function.json")))
                .getAsJsonObject();
    }

    @Test
    void theAppHasExactlyTheseFunctions() throws IOException {
        Set<String> functions = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(STAGING)) {
            dirs.filter(d -> Files.exists(d.resolve("function.json")))
                    .forEach(d -> functions.add(d.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(Set.of("CleanupIdleSessions", "DisconnectFromQueue", "DisconnectHttp",
                "DisconnectHttpEntra")), functions);
    }

    @Test
    void queueFunctionBindsTheRequestsQueueWithTheIdentityConnectionAndNoRetryPolicy() throws IOException {
        JsonObject function = functionJson("DisconnectFromQueue");
        assertEquals("com.contoso.avd.functions.DisconnectQueueFunction.run", function.get("entryPoint").getAsString());
        assertTrue(Files.exists(STAGING.resolve("DisconnectFromQueue").resolve(function.get("scriptFile").getAsString())));
        assertFalse(function.has("retry"), "retry policies do not apply to Service Bus triggers");
        JsonArray bindings = function.getAsJsonArray("bindings");
        assertEquals(1, bindings.size());
        JsonObject trigger = bindings.get(0).getAsJsonObject();
        assertEquals("serviceBusTrigger", trigger.get("type").getAsString());
        assertEquals("in", trigger.get("direction").getAsString());
        assertEquals("message", trigger.get("name").getAsString());
        assertEquals("%DISCONNECT_REQUESTS_QUEUE%", trigger.get("queueName").getAsString());
        assertEquals("ServiceBusConnection", trigger.get("connection").getAsString());
        assertFalse(trigger.has("isSessionsEnabled") && trigger.get("isSessionsEnabled").getAsBoolean());
    }

    @Test
    void httpFunctionIsPostOnlyWithFunctionKeysOnTheDisconnectRoute() throws IOException {
        JsonObject function = functionJson("DisconnectHttp");
        assertEquals("com.contoso.avd.functions.DisconnectHttpFunction.run", function.get("entryPoint").getAsString());
        JsonArray bindings = function.getAsJsonArray("bindings");
        assertEquals(2, bindings.size());
        JsonObject trigger = bindings.get(0).getAsJsonObject();
        assertEquals("httpTrigger", trigger.get("type").getAsString());
        assertEquals("in", trigger.get("direction").getAsString());
        assertEquals("sessions/disconnect", trigger.get("route").getAsString());
        assertEquals("FUNCTION", trigger.get("authLevel").getAsString());
        JsonArray methods = trigger.getAsJsonArray("methods");
        assertEquals(1, methods.size());
        assertEquals("POST", methods.get(0).getAsString());
        JsonObject output = bindings.get(1).getAsJsonObject();
        assertEquals("http", output.get("type").getAsString());
        assertEquals("out", output.get("direction").getAsString());
        assertEquals("$return", output.get("name").getAsString());
    }

    @Test
    void entraRouteIsAnonymousAtTheHostBecauseAppServiceAuthenticationGuardsIt() throws IOException {
        JsonObject function = functionJson("DisconnectHttpEntra");
        assertEquals("com.contoso.avd.functions.DisconnectEntraHttpFunction.run",
                function.get("entryPoint").getAsString());
        JsonObject trigger = function.getAsJsonArray("bindings").get(0).getAsJsonObject();
        assertEquals("httpTrigger", trigger.get("type").getAsString());
        assertEquals("entra/sessions/disconnect", trigger.get("route").getAsString());
        assertEquals("ANONYMOUS", trigger.get("authLevel").getAsString());
        assertEquals(1, trigger.getAsJsonArray("methods").size());
        assertEquals("POST", trigger.getAsJsonArray("methods").get(0).getAsString());
    }

    @Test
    void cleanupRunsOnTheScheduleSettingWithoutRetryOrStartupRun() throws IOException {
        JsonObject function = functionJson("CleanupIdleSessions");
        assertEquals("com.contoso.avd.functions.CleanupTimerFunction.run", function.get("entryPoint").getAsString());
        // A failed run is done again at the next occurrence; its request ids repeat, so nothing is sent twice.
        assertFalse(function.has("retry"), "no retry policy on the cleanup timer");
        JsonArray bindings = function.getAsJsonArray("bindings");
        assertEquals(1, bindings.size());
        JsonObject trigger = bindings.get(0).getAsJsonObject();
        assertEquals("timerTrigger", trigger.get("type").getAsString());
        assertEquals("in", trigger.get("direction").getAsString());
        assertEquals("timer", trigger.get("name").getAsString());
        assertEquals("%CLEANUP_SCHEDULE%", trigger.get("schedule").getAsString());
        assertFalse(trigger.has("runOnStartup") && trigger.get("runOnStartup").getAsBoolean(),
                "a restart or scale-out must not start a cleanup");
    }

    @Test
    void hostJsonIsTheProjectsOwn() throws IOException {
        assertEquals(JsonParser.parseString(Files.readString(Path.of("host.json"))),
                JsonParser.parseString(Files.readString(STAGING.resolve("host.json"))));
    }
}
