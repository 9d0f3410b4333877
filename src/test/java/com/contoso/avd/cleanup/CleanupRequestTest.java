package com.contoso.avd.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.arm.HostPoolId;
import com.contoso.avd.arm.UserSessionId;
import com.contoso.avd.queue.QueuedRequest;
import com.contoso.avd.request.DisconnectRequest;
import com.contoso.avd.request.RequestParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request ids derived from the session, its createTime and the rule; bodies the request parser accepts. */
class CleanupRequestTest {
    private static final Instant NOW = Instant.parse("2026-11-25T19:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-11-25T07:30:00.1234567Z");
    private static final UserSessionId SESSION = UserSessionId.parse("/subscriptions/6f2c1c43-8a3a-4f3f-9c55-"
            + "0a1b2c3d4e5f/resourceGroups/rg-avd/providers/Microsoft.DesktopVirtualization/hostPools/hp-pooled/"
            + "sessionHosts/sh-0.contoso.local/userSessions/6");

    private static CleanupRule rule(String name, CleanupRule.Warning warning) {
        return new CleanupRule(name, List.of(SESSION.hostPool()), List.of("Active"), null, List.of(), List.of(),
                List.of(), false, warning, 100);
    }

    private static ListedSession session(UserSessionId id, Instant created) {
        return new ListedSession(id, "alice@contoso.com", "Active", "Desktop", created);
    }

    @Test
    void theIdIsStableAndShapedForServiceBus() {
        String id = CleanupRequest.id(session(SESSION, CREATED), rule("end-of-day", null));
        assertTrue(id.matches("cleanup-[0-9a-f]{32}"), id);
        assertEquals(id, CleanupRequest.id(session(SESSION, CREATED), rule("end-of-day", null)));
        assertEquals(id, CleanupRequest.id(session(SESSION, CREATED), rule("End-Of-Day", null)),
                "rule names are compared case-insensitively");
        UserSessionId armSpelling = UserSessionId.parse(SESSION.resourceId().toLowerCase());
        assertEquals(id, CleanupRequest.id(session(armSpelling, CREATED), rule("end-of-day", null)),
                "ARM names are case-insensitive");
    }

    @Test
    void aNewCreateTimeAnotherRuleOrAnotherSessionIsANewRequest() {
        String id = CleanupRequest.id(session(SESSION, CREATED), rule("end-of-day", null));
        assertNotEquals(id, CleanupRequest.id(session(SESSION, CREATED.plusSeconds(1)), rule("end-of-day", null)));
        assertNotEquals(id, CleanupRequest.id(session(SESSION, CREATED), rule("maintenance", null)));
        assertNotEquals(id, CleanupRequest.id(session(HostPoolId.parse(SESSION.hostPool().resourceId())
                .userSession("sh-0.contoso.local", "7"), CREATED), rule("end-of-day", null)));
    }

    @Test
    void theBodyIsADisconnectRequestForTheSession() {
        CleanupRule rule = rule("drain-sweep", new CleanupRule.Warning(Duration.ofMinutes(10), "t", "b"));
        String id = CleanupRequest.id(session(SESSION, CREATED), rule);
        Instant at = NOW.plus(Duration.ofMinutes(10));
        QueuedRequest queued = CleanupRequest.queued(session(SESSION, CREATED), rule, id, NOW, at);
        assertEquals(id, queued.messageId());
        assertEquals(at, queued.scheduledAt());
        DisconnectRequest parsed = new RequestParser(null).parse(queued.body(), "not-used");
        assertEquals(SESSION.key(), parsed.target().key());
        assertEquals(id, parsed.requestId());
        assertEquals("cleanup rule drain-sweep: Active session, 11h29m old, warned 10 min before", parsed.reason());
        assertTrue(!parsed.whatIf() && !parsed.passThru());
    }

    @Test
    void aSessionWithoutCreateTimeStillHasAStableIdAndSaysItsAgeIsUnknown() {
        CleanupRule rule = rule("r", null);
        ListedSession undated = session(SESSION, null);
        assertEquals(CleanupRequest.id(undated, rule), CleanupRequest.id(undated, rule));
        QueuedRequest queued = CleanupRequest.queued(undated, rule, CleanupRequest.id(undated, rule), NOW, null);
        assertNull(queued.scheduledAt());
        assertEquals("cleanup rule r: Active session, age unknown",
                new RequestParser(null).parse(queued.body(), null).reason());
    }
}
