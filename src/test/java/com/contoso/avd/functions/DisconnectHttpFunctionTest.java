package com.contoso.avd.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.app.AppServices;
import com.contoso.avd.disconnect.DisconnectOutcome;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.emulator.Fault;
import com.contoso.avd.local.LocalExecutionContext;
import com.contoso.avd.local.LocalHttpRequest;
import com.contoso.avd.support.RecordingPublisher;
import com.contoso.avd.support.EmulatorExtension;
import com.contoso.avd.support.TestApp;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP function end to end against the HTTPS emulator: status codes, bodies, one event per request. */
@ExtendWith(EmulatorExtension.class)
class DisconnectHttpFunctionTest {
    private AvdEmulator emulator;
    private final RecordingPublisher published = new RecordingPublisher();
    private DisconnectHttpFunction function;

    @BeforeEach
    void setUp(AvdEmulator emulator) {
        this.emulator = emulator;
        AppServices services = TestApp.services(emulator, published);
        function = new DisconnectHttpFunction(services::handler, () -> "/avd-session-disconnect/test");
    }

    private HttpResponseMessage post(String body) {
        return function.run(LocalHttpRequest.postJson(body), new LocalExecutionContext("DisconnectHttp"));
    }

    private static JsonElement json(HttpResponseMessage response) {
        return JsonParser.parseString((String) response.getBody());
    }

    private static String session(String id) {
        return "{\"inputObject\":\"" + TestApp.sessionId(id) + "\"}";
    }

    @Test
    void succeededReturns200WithTheCloudEvent() {
        HttpResponseMessage response = post(session("1"));
        assertEquals(200, response.getStatusCode());
        assertEquals("application/json", response.getHeader("Content-Type"));
        JsonObject event = json(response).getAsJsonObject();
        assertEquals("1.0", event.get("specversion").getAsString());
        assertEquals("avd.usersession.disconnect.succeeded", event.get("type").getAsString());
        assertEquals(TestApp.sessionId("1"), event.get("subject").getAsString());
        JsonObject data = event.getAsJsonObject("data");
        assertTrue(data.get("succeeded").getAsBoolean());
        assertEquals("http", data.get("trigger").getAsString());
        assertEquals(200, data.getAsJsonObject("arm").get("status").getAsInt());
        assertEquals(published.only().requestId(), data.get("requestId").getAsString());
    }

    @Test
    void passThruAnswersWithTheCmdletsBoolean() {
        HttpResponseMessage response = post("{\"inputObject\":\"" + TestApp.sessionId("1") + "\",\"passThru\":true}");
        assertEquals(200, response.getStatusCode());
        assertEquals("true", response.getBody());
        HttpResponseMessage missing = post("{\"inputObject\":\"" + TestApp.sessionId("77") + "\",\"PassThru\":true}");
        assertEquals(404, missing.getStatusCode());
        assertEquals("false", missing.getBody());
    }

    @Test
    void whatIfIs200AndChangesNothing() {
        HttpResponseMessage response = post("{\"inputObject\":\"" + TestApp.sessionId("3") + "\",\"whatIf\":true}");
        assertEquals(200, response.getStatusCode());
        JsonObject data = json(response).getAsJsonObject().getAsJsonObject("data");
        assertEquals("whatif", data.get("outcome").getAsString());
        assertEquals("carol@contoso.com", data.getAsJsonObject("session").get("userPrincipalName").getAsString());
        assertEquals("Active", emulator.session(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, TestApp.HOST_POOL,
                TestApp.SESSION_HOST, "3").state());
    }

    @Test
    void invalidInputIs400ProblemJsonNamingTheField() {
        HttpResponseMessage response = post("{\"resourceGroupName\":\"rg-avd\",\"hostPoolName\":\"a/../b\","
                + "\"sessionHostName\":\"sh1\",\"id\":\"1\"}");
        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        JsonObject problem = json(response).getAsJsonObject();
        assertEquals(400, problem.get("status").getAsInt());
        assertEquals("hostPoolName", problem.get("field").getAsString());
        assertTrue(problem.get("detail").getAsString().startsWith("hostPoolName:"));
        assertEquals("avd.usersession.disconnect.rejected",
                problem.getAsJsonObject("event").get("type").getAsString());
        assertEquals(DisconnectOutcome.REJECTED, published.only().outcome());
        assertTrue(emulator.requests().isEmpty());
    }

    @Test
    void outsideScopeIs403NotFoundIs404ForbiddenIs502() {
        String other = TestApp.sessionId("1").replace(TestApp.SUBSCRIPTION, TestApp.OTHER_SUBSCRIPTION);
        assertEquals(403, post("{\"inputObject\":\"" + other + "\"}").getStatusCode());
        assertTrue(emulator.requests().isEmpty());
        assertEquals(404, post(session("42")).getStatusCode());
        emulator.forbid(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, TestApp.HOST_POOL);
        HttpResponseMessage forbidden = post(session("1"));
        assertEquals(502, forbidden.getStatusCode());
        assertTrue(json(forbidden).getAsJsonObject().get("detail").getAsString()
                .contains("Desktop Virtualization User Session Operator"));
        assertEquals(3, published.published().size());
    }

    @Test
    void stillThrottledAfterRetriesIs503WithRetryAfter() {
        emulator.inject(Fault.throttled("1", 3));
        HttpResponseMessage response = post(session("1"));
        assertEquals(503, response.getStatusCode());
        assertEquals("1", response.getHeader("Retry-After"));
        assertEquals("failed", json(response).getAsJsonObject().get("outcome").getAsString());
        assertTrue(published.only().retryable());
    }

    @Test
    void serverErrorsPastRetriesAre502() {
        emulator.inject(Fault.status(500, Map.of(), 3));
        assertEquals(502, post(session("1")).getStatusCode());
    }

    @Test
    void anArrayGetsOneResultPerItemInOrder() {
        HttpResponseMessage response = post("[" + session("1") + "," + session("99") + ",{\"bogus\":true},"
                + session("3") + "]");
        assertEquals(207, response.getStatusCode());
        JsonArray items = json(response).getAsJsonArray();
        assertEquals(4, items.size());
        String[] expected = {"succeeded", "notfound", "rejected", "succeeded"};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], items.get(i).getAsJsonObject().getAsJsonObject("data").get("outcome")
                    .getAsString());
        }
        assertEquals(4, published.published().size());
        assertEquals(200, post("[" + session("2") + "]").getStatusCode());
    }

    @Test
    void anArrayOverTheLimitIsRefusedWholeWithoutArmCalls() {
        String items = String.join(",", Collections.nCopies(101, session("1")));
        HttpResponseMessage response = post("[" + items + "]");
        assertEquals(400, response.getStatusCode());
        assertEquals("body", json(response).getAsJsonObject().get("field").getAsString());
        assertTrue(emulator.requests().isEmpty());
        assertEquals(1, published.published().size());
    }

    @Test
    void wrongMethodContentTypeAndSizeAreClear4xxWithoutArmCalls() {
        LocalExecutionContext context = new LocalExecutionContext("DisconnectHttp");
        URI uri = URI.create("http://127.0.0.1:7071/api/sessions/disconnect");
        HttpResponseMessage get = function.run(new LocalHttpRequest(uri, HttpMethod.GET, Map.of(), Map.of(), null),
                context);
        assertEquals(405, get.getStatusCode());
        assertEquals("POST", get.getHeader("Allow"));
        HttpResponseMessage form = function.run(new LocalHttpRequest(uri, HttpMethod.POST,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), Map.of(), session("1")), context);
        assertEquals(415, form.getStatusCode());
        HttpResponseMessage big = post("{\"reason\":\"" + "x".repeat(300_000) + "\"}");
        assertEquals(413, big.getStatusCode());
        HttpResponseMessage charset = function.run(new LocalHttpRequest(uri, HttpMethod.POST,
                Map.of("content-type", "application/json; charset=utf-8"), Map.of(), session("1")), context);
        assertEquals(200, charset.getStatusCode());
        assertEquals(1, emulator.requests().size());
    }

    @Test
    void aResultThatCannotBePublishedIs503SoTheCallerRetries() {
        published.failNext(1);
        HttpResponseMessage response = post(session("1"));
        assertEquals(503, response.getStatusCode());
        assertEquals("5", response.getHeader("Retry-After"));
    }
}
