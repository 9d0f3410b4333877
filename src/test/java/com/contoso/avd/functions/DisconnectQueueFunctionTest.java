package com.contoso.avd.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.app.AppServices;
import com.contoso.avd.disconnect.DisconnectOutcome;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.emulator.Fault;
import com.contoso.avd.local.LocalExecutionContext;
import com.contoso.avd.support.RecordingPublisher;
import com.contoso.avd.support.EmulatorExtension;
import com.contoso.avd.support.TestApp;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue function end to end: message in, ARM call to the HTTPS emulator, result event out, and how each class
 * of failure ends (completed with an event, redelivered without one, or dead-lettered with {@code failed}).
 */
@ExtendWith(EmulatorExtension.class)
class DisconnectQueueFunctionTest {
    private AvdEmulator emulator;
    private final RecordingPublisher published = new RecordingPublisher();
    private DisconnectQueueFunction function;

    @BeforeEach
    void setUp(AvdEmulator emulator) {
        this.emulator = emulator;
        AppServices services = TestApp.services(emulator, published);
        function = new DisconnectQueueFunction(services::handler);
    }

    private void deliver(String body, int deliveryCount) {
        function.run(body, "msg-1", deliveryCount, new LocalExecutionContext("DisconnectFromQueue"));
    }

    private static String nameBased(String id) {
        return "{\"resourceGroupName\":\"" + TestApp.RESOURCE_GROUP + "\",\"hostPoolName\":\"" + TestApp.HOST_POOL
                + "\",\"sessionHostName\":\"" + TestApp.SESSION_HOST + "\",\"userSessionId\":\"" + id + "\"}";
    }

    @Test
    void disconnectsAndPublishesSucceeded() {
        deliver(nameBased("1"), 1);
        DisconnectResult result = published.only();
        assertEquals(DisconnectOutcome.SUCCEEDED, result.outcome());
        assertTrue(result.succeeded());
        assertEquals("msg-1", result.requestId(), "the message id is the request id when none is given");
        assertEquals(200, result.arm().status());
        assertNotNull(result.arm().requestId());
        assertEquals(1, result.deliveryCount());
        assertEquals("Disconnected", emulator.session(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP,
                TestApp.HOST_POOL, TestApp.SESSION_HOST, "1").state());
    }

    @Test
    void identityRequestWithGetAzWvdUserSessionId() {
        String armId = TestApp.sessionId("3").replace("resourceGroups", "resourcegroups")
                .replace("hostPools", "hostpools").replace("sessionHosts", "sessionhosts")
                .replace("userSessions", "usersessions");
        deliver("{\"inputObject\":{\"Id\":\"" + armId + "\"},\"requestId\":\"r-3\"}", 1);
        assertEquals(DisconnectOutcome.SUCCEEDED, published.only().outcome());
        assertEquals("r-3", published.only().requestId());
    }

    @Test
    void whatIfReadsButDoesNotDisconnect() {
        deliver("{\"inputObject\":\"" + TestApp.sessionId("1") + "\",\"whatIf\":true}", 1);
        DisconnectResult result = published.only();
        assertEquals(DisconnectOutcome.WHAT_IF, result.outcome());
        assertEquals("alice@contoso.com", result.session().get("userPrincipalName"));
        assertEquals("Active", result.session().get("sessionState"));
        assertEquals("Active", emulator.session(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, TestApp.HOST_POOL,
                TestApp.SESSION_HOST, "1").state());
        assertTrue(emulator.requests().stream().allMatch(r -> r.method().equals("GET")));
    }

    @Test
    void aSessionThatIsGoneEndsNotFoundWithoutRetry() {
        deliver(nameBased("99"), 1);
        assertEquals(DisconnectOutcome.NOT_FOUND, published.only().outcome());
        assertEquals(1, emulator.requests().size());
    }

    @Test
    void aMissingRoleEndsForbiddenNamingTheRole() {
        emulator.forbid(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, TestApp.HOST_POOL);
        deliver(nameBased("1"), 1);
        DisconnectResult result = published.only();
        assertEquals(DisconnectOutcome.FORBIDDEN, result.outcome());
        assertTrue(result.error().message().contains("Desktop Virtualization User Session Operator"));
        assertEquals("AuthorizationFailed", result.error().code());
    }

    @Test
    void anArmBadRequestEndsRejectedWithArmsError() {
        emulator.inject(Fault.status(400, Map.of(), 1));
        deliver(nameBased("1"), 1);
        assertEquals(DisconnectOutcome.REJECTED, published.only().outcome());
        assertEquals("InjectedFault400", published.only().error().code());
    }

    @Test
    void outsideTheAllowedScopeIsRejectedWithoutAnArmCall() {
        deliver("{\"subscriptionId\":\"" + TestApp.OTHER_SUBSCRIPTION + "\"," + nameBased("1").substring(1), 1);
        DisconnectResult result = published.only();
        assertEquals(DisconnectOutcome.REJECTED, result.outcome());
        assertEquals(DisconnectResult.OUTSIDE_ALLOWED_SCOPE, result.error().code());
        assertTrue(emulator.requests().isEmpty());
    }

    @Test
    void aMalformedMessageIsRejectedOnceAndCompleted() {
        deliver("{\"hostPoolName\": 42}", 1);
        DisconnectResult result = published.only();
        assertEquals(DisconnectOutcome.REJECTED, result.outcome());
        assertEquals("hostPoolName", result.error().field());
        assertTrue(emulator.requests().isEmpty());
    }

    @Test
    void aTransientFailureIsRedeliveredWithoutAnEventThenDeadLetteredWithFailed() {
        emulator.inject(Fault.status(503, Map.of(), 100));
        // Deliveries 1 and 2 of 3: handed back to Service Bus, nothing published.
        for (int delivery = 1; delivery <= 2; delivery++) {
            int d = delivery;
            var thrown = assertThrows(DisconnectQueueFunction.RedeliveryRequested.class, () -> deliver(nameBased("1"), d));
            assertTrue(thrown.getMessage().contains("redeliver"), thrown.getMessage());
            assertTrue(published.published().isEmpty());
        }
        // The last delivery: a terminal failed event, then thrown so that Service Bus dead-letters the message.
        var thrown = assertThrows(DisconnectQueueFunction.RedeliveryRequested.class, () -> deliver(nameBased("1"), 3));
        assertTrue(thrown.getMessage().contains("dead-letter"), thrown.getMessage());
        DisconnectResult result = published.only();
        assertEquals(DisconnectOutcome.FAILED, result.outcome());
        assertTrue(result.deadLettered());
        assertEquals(3, result.deliveryCount());
        assertEquals(3, result.arm().attempts(), "in-process retries bounded by ARM_MAX_ATTEMPTS");
        assertEquals(9, emulator.requests().size());
    }

    @Test
    void aTransientFailureThatClearsOnRedeliveryEndsSucceededOnce() {
        emulator.inject(Fault.status(502, Map.of(), 3));
        assertThrows(DisconnectQueueFunction.RedeliveryRequested.class, () -> deliver(nameBased("1"), 1));
        deliver(nameBased("1"), 2);
        assertEquals(DisconnectOutcome.SUCCEEDED, published.only().outcome());
        assertEquals(2, published.only().deliveryCount());
    }

    @Test
    void aResultThatCannotBePublishedLeavesTheMessageOnTheQueue() {
        published.failNext(1);
        assertThrows(IllegalStateException.class, () -> deliver(nameBased("1"), 1));
        assertTrue(published.published().isEmpty());
        deliver(nameBased("1"), 2);
        assertEquals(DisconnectOutcome.SUCCEEDED, published.only().outcome());
        assertFalse(published.only().deadLettered());
    }
}
