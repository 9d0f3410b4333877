package com.contoso.avd.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.app.AppSettings;
import com.contoso.avd.arm.UserSessionId;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.emulator.Fault;
import com.contoso.avd.queue.QueuedRequest;
import com.contoso.avd.request.DisconnectRequest;
import com.contoso.avd.request.RequestParser;
import com.contoso.avd.support.InMemoryRequestQueue;
import com.contoso.avd.support.RecordingEventPublisher;
import com.contoso.avd.support.RecordingPublisher;
import com.contoso.avd.support.TestApp;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cleanup end to end against the HTTPS emulator: listing, every selector, warnings, the queue, the summary. */
class IdleSessionCleanupTest {
    private static final Instant NOW = Instant.parse("2026-11-25T19:00:00Z");
    private static final String POOL = "hp-pooled";
    private static final String POOL_2 = "hp-second";
    private static AvdEmulator emulator;
    private final InMemoryRequestQueue queue = new InMemoryRequestQueue();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private Map<String, String> settings;

    @BeforeAll
    static void start() {
        emulator = AvdEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void setUp() {
        emulator.reset();
        settings = TestApp.settings(emulator);
        settings.put(AppSettings.CLEANUP_DRY_RUN, "false");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private IdleSessionCleanup cleanup(String policy) {
        settings.put(AppSettings.CLEANUP_POLICY, policy);
        return TestApp.services(emulator, settings, new RecordingPublisher())
                .cleanup(queue, events, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private CleanupSummary run(String policy) {
        return cleanup(policy).run().orElseThrow();
    }

    private CleanupFailedException failedRun(String policy) {
        return assertThrows(CleanupFailedException.class, () -> cleanup(policy).run());
    }

    private static String poolId(String name) {
        return poolId(TestApp.SUBSCRIPTION, name);
    }

    private static String poolId(String subscription, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + TestApp.RESOURCE_GROUP
                + "/providers/Microsoft.DesktopVirtualization/hostPools/" + name;
    }

    /** A rule over the given host pool ids; {@code members} starts with a comma when given. */
    private static String rule(String name, String members, String... poolIds) {
        return "{\"name\": \"" + name + "\", \"hostPools\": [\"" + String.join("\", \"", poolIds) + "\"]"
                + members + "}";
    }

    private static String policy(String... rules) {
        return "{\"rules\": [" + String.join(", ", rules) + "]}";
    }

    private static AvdEmulator.SessionHost host(String pool, String name) {
        return emulator.hostPool(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, pool).sessionHost(name);
    }

    private static Instant ago(Duration age) {
        return NOW.minus(age);
    }

    /** Sessions 1..count on a host, Active Desktop, created three hours before NOW. */
    private static void activeSessions(String pool, String hostName, int count) {
        for (int i = 1; i <= count; i++) {
            host(pool, hostName).session(String.valueOf(i), "user" + i + "@contoso.com", "Active", "Desktop",
                    ago(Duration.ofHours(3)));
        }
    }

    private static Set<String> selectedIds(CleanupSummary summary) {
        return summary.hostPools().stream().flatMap(r -> r.selections().stream())
                .map(s -> s.userSession().sessionHostName() + "/" + s.userSession().userSessionId())
                .collect(Collectors.toSet());
    }

    private static List<AvdEmulator.Recorded> requests(Predicate<AvdEmulator.Recorded> which) {
        return emulator.requests().stream().filter(which).toList();
    }

    private static Predicate<AvdEmulator.Recorded> listing(String pool) {
        return r -> r.method().equals("GET") && r.rawPath().endsWith("/hostPools/" + pool + "/userSessions");
    }

    /** Every listed session is selected, skipped for a reason, or an error. */
    private static void assertAccounted(CleanupSummary summary) {
        for (HostPoolReport report : summary.hostPools()) {
            int skipped = report.skipped().values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(report.listed(), report.selections().size() + skipped + report.errors(),
                    report.rule() + " in " + report.hostPool());
        }
    }

    private static int skipped(CleanupSummary summary, SkipReason reason) {
        return summary.hostPools().stream().mapToInt(r -> r.skipped().getOrDefault(reason, 0)).sum();
    }

    // ---- listing ---------------------------------------------------------------------------------------------

    @Test
    void listsEveryPageByFollowingNextLinks() {
        emulator.pageSize(3);
        activeSessions(POOL, "sh-0.contoso.local", 5);
        activeSessions(POOL, "sh-1.contoso.local", 5);
        CleanupSummary summary = run(policy(rule("all", "", poolId(POOL))));
        assertEquals(10, summary.listed());
        assertEquals(10, summary.selected());
        assertEquals(10, queue.sent().size());
        List<AvdEmulator.Recorded> pages = requests(listing(POOL));
        assertEquals(4, pages.size(), "10 sessions at 3 a page");
        assertEquals(3, pages.stream().filter(r -> r.rawQuery().contains("$skiptoken=")).count(),
                "every page after the first came from a nextLink");
        assertTrue(pages.get(0).rawQuery().contains("$filter=sessionState%20eq%20%27Active%27"),
                pages.get(0).rawQuery());
        assertEquals("sessionState eq 'Active'", summary.hostPools().get(0).filter());
        assertAccounted(summary);
    }

    @Test
    void everyEnqueuedBodyParsesBackToItsSession() {
        activeSessions(POOL, "sh-0.contoso.local", 3);
        CleanupSummary summary = run(policy(rule("end-of-day", "", poolId(POOL))));
        RequestParser parser = new RequestParser(null);
        Set<String> targets = new HashSet<>();
        for (QueuedRequest queued : queue.sent()) {
            DisconnectRequest request = parser.parse(queued.body(), null);
            assertEquals(queued.messageId(), request.requestId());
            assertTrue(request.reason().startsWith("cleanup rule end-of-day: Active session, 3h0m old"),
                    request.reason());
            assertNull(queued.scheduledAt(), "no warning: disconnect at once");
            targets.add(request.target().key());
        }
        Set<String> expected = new HashSet<>();
        for (String id : List.of("1", "2", "3")) {
            expected.add(UserSessionId.parse(TestApp.sessionId(id)).key());
        }
        assertEquals(expected, targets);
        assertEquals(summary.hostPools().get(0).selections().stream().map(HostPoolReport.Selection::requestId)
                .collect(Collectors.toSet()), queue.sent().stream().map(QueuedRequest::messageId)
                .collect(Collectors.toSet()));
    }

    @Test
    void aFilterArmRefusesFallsBackToAnUnfilteredListing() {
        activeSessions(POOL, "sh-0.contoso.local", 2);
        host(POOL, "sh-0.contoso.local").session("3", "x@contoso.com", "Disconnected", "Desktop", ago(Duration.ZERO));
        emulator.inject(Fault.status(400, Map.of(), 1).on("GET", "/userSessions"));
        CleanupSummary summary = run(policy(rule("all", "", poolId(POOL))));
        List<AvdEmulator.Recorded> pages = requests(listing(POOL));
        assertEquals(2, pages.size());
        assertTrue(pages.get(0).rawQuery().contains("$filter="));
        assertFalse(pages.get(1).rawQuery().contains("$filter="));
        assertNull(summary.hostPools().get(0).filter());
        assertEquals(Set.of("sh-0.contoso.local/1", "sh-0.contoso.local/2"), selectedIds(summary),
                "the client-side filter still decides");
        assertEquals(1, skipped(summary, SkipReason.SESSION_STATE));
    }

    @Test
    void throttledReadsAreRetriedAfterRetryAfter() {
        emulator.pageSize(2);
        emulator.throttle(200, 10, 2, 4);
        activeSessions(POOL, "sh-0.contoso.local", 8);
        CleanupSummary summary = run(policy(rule("all", "", poolId(POOL))));
        assertTrue(emulator.throttledCount() > 0, "the read bucket ran dry");
        assertEquals(8, summary.listed());
        assertEquals(8, summary.selected());
    }

    @Test
    void aHostPoolArmWillNotListIsAnErrorAndTheOtherPoolsGoOn() {
        activeSessions(POOL, "sh-0.contoso.local", 2);
        CleanupFailedException e = failedRun(policy(rule("all", "", poolId("hp-missing"), poolId(POOL))));
        assertTrue(e.getMessage().contains("1 error(s), the first: listing the user sessions of "
                + poolId("hp-missing") + " failed: HTTP 404 ResourceNotFound"), e.getMessage());
        CleanupSummary summary = e.summary();
        HostPoolReport missing = summary.hostPools().get(0);
        assertEquals(1, missing.errors());
        assertEquals("ResourceNotFound", missing.errorDetails().get(0).code());
        assertEquals(2, summary.hostPools().get(1).selections().size());
        assertEquals(2, queue.sent().size());
        assertEquals(CleanupRunEvent.FAILED, events.only().event().get("type").getAsString());
    }

    // ---- selectors -------------------------------------------------------------------------------------------

    @Test
    void selectsBySessionStateCaseInsensitively() {
        var host = host(POOL, "sh-0.contoso.local");
        host.session("1", "a@contoso.com", "Active", "Desktop", ago(Duration.ofHours(1)));
        host.session("2", "b@contoso.com", "Disconnected", "Desktop", ago(Duration.ofHours(1)));
        host.session("3", "c@contoso.com", "Pending", "Desktop", ago(Duration.ofHours(1)));
        host.session("4", "d@contoso.com", "LogOff", "Desktop", ago(Duration.ofHours(1)));
        CleanupSummary summary = run(policy(rule("idle", ", \"sessionStates\": [\"disconnected\", \"PENDING\"]",
                poolId(POOL))));
        assertEquals(Set.of("sh-0.contoso.local/2", "sh-0.contoso.local/3"), selectedIds(summary));
        assertEquals(2, skipped(summary, SkipReason.SESSION_STATE));
        assertFalse(requests(listing(POOL)).get(0).rawQuery().contains("$filter="),
                "two states: no server-side filter");
        assertAccounted(summary);
    }

    @Test
    void selectsByAgeFromCreateTime() {
        var host = host(POOL, "sh-0.contoso.local");
        host.session("1", "a@contoso.com", "Active", "Desktop", ago(Duration.ofHours(11)));
        host.session("2", "b@contoso.com", "Active", "Desktop", ago(Duration.ofMinutes(599)));
        host.session("3", "c@contoso.com", "Active", "Desktop", ago(Duration.ofHours(10)));
        CleanupSummary summary = run(policy(rule("long", ", \"minSessionAgeMinutes\": 600", poolId(POOL))));
        assertEquals(Set.of("sh-0.contoso.local/1", "sh-0.contoso.local/3"), selectedIds(summary));
        assertEquals(1, skipped(summary, SkipReason.TOO_RECENT));
        assertAccounted(summary);
    }

    @Test
    void selectsByApplicationType() {
        var host = host(POOL, "sh-0.contoso.local");
        host.session("1", "a@contoso.com", "Active", "Desktop", ago(Duration.ofHours(1)));
        host.session("2", "b@contoso.com", "Active", "RemoteApp", ago(Duration.ofHours(1)));
        CleanupSummary summary = run(policy(rule("apps", ", \"applicationTypes\": [\"remoteapp\"]", poolId(POOL))));
        assertEquals(Set.of("sh-0.contoso.local/2"), selectedIds(summary));
        assertEquals(1, skipped(summary, SkipReason.APPLICATION_TYPE));
    }

    @Test
    void exclusionsWinOverInclusions() {
        var host = host(POOL, "sh-0.contoso.local");
        host.session("1", "alice@contoso.com", "Active", "Desktop", ago(Duration.ofHours(1)));
        host.session("2", "admin.jane@contoso.com", "Active", "Desktop", ago(Duration.ofHours(1)));
        host.session("3", "bob@contoso.com", "Active", "Desktop", ago(Duration.ofHours(1)));
        host.session("4", "eve@fabrikam.com", "Active", "Desktop", ago(Duration.ofHours(1)));
        CleanupSummary summary = run(policy(rule("users", ", \"includeUsers\": [\"*@CONTOSO.com\"], "
                + "\"excludeUsers\": [\"admin*@contoso.com\", \"BOB@contoso.COM\"]", poolId(POOL))));
        assertEquals(Set.of("sh-0.contoso.local/1"), selectedIds(summary));
        assertEquals(2, skipped(summary, SkipReason.EXCLUDED_USER));
        assertEquals(1, skipped(summary, SkipReason.NOT_INCLUDED));
        assertAccounted(summary);
    }

    @Test
    void onlyDrainedHostsReadsSessionHostsOnceAndSelectsTheirSessions() {
        emulator.pageSize(1);
        activeSessions(POOL, "sh-0.contoso.local", 2);
        activeSessions(POOL, "sh-1.contoso.local", 2);
        activeSessions(POOL, "sh-2.contoso.local", 1);
        host(POOL, "SH-1.contoso.local").drain(true);
        host(POOL, "sh-2.contoso.local").drain(true);
        CleanupSummary summary = run(policy(
                rule("drained-desktops", ", \"onlyDrainedHosts\": true, \"maxPerRun\": 1", poolId(POOL)),
                rule("drained-rest", ", \"onlyDrainedHosts\": true", poolId(POOL))));
        assertEquals(Set.of("sh-1.contoso.local/1", "sh-1.contoso.local/2", "sh-2.contoso.local/1"),
                selectedIds(summary));
        assertEquals(4, skipped(summary, SkipReason.HOST_NOT_DRAINED), "two per rule");
        List<AvdEmulator.Recorded> hostReads = requests(r -> r.rawPath().endsWith("/sessionHosts"));
        assertEquals(3, hostReads.size(), "three hosts, one a page, read once for both rules");
        assertEquals(5, requests(listing(POOL)).size(), "five sessions, one a page, listed once for both rules");
        assertAccounted(summary);
    }

    @Test
    void sessionHostsAreNotReadWhenNoRuleNeedsDrainMode() {
        activeSessions(POOL, "sh-0.contoso.local", 2);
        host(POOL, "sh-0.contoso.local").drain(true);
        run(policy(rule("all", "", poolId(POOL))));
        assertEquals(List.of(), requests(r -> r.rawPath().toLowerCase().contains("/sessionhosts")
                && !r.rawPath().toLowerCase().contains("/usersessions")));
    }

    @Test
    void aSessionSelectedByAnEarlierRuleIsLeftToIt() {
        activeSessions(POOL, "sh-0.contoso.local", 3);
        CleanupSummary summary = run(policy(rule("first", ", \"maxPerRun\": 2", poolId(POOL)),
                rule("second", "", poolId(POOL))));
        assertEquals(2, summary.hostPools().get(0).selections().size());
        assertEquals(1, summary.hostPools().get(1).selections().size());
        assertEquals(2, summary.hostPools().get(1).skipped().get(SkipReason.SELECTED_BY_EARLIER_RULE));
        assertEquals(3, queue.sent().size());
        assertEquals(3, summary.listed(), "one pool, counted once");
        assertEquals(1, requests(listing(POOL)).size());
    }

    // ---- maxPerRun -------------------------------------------------------------------------------------------

    @Test
    void maxPerRunTakesTheOldestSessionsAcrossTheRulesHostPools() {
        var host = host(POOL, "sh-0.contoso.local");
        for (int i = 1; i <= 3; i++) {
            host.session(String.valueOf(i), "u" + i + "@contoso.com", "Active", "Desktop", ago(Duration.ofHours(i)));
        }
        var second = host(POOL_2, "sh-9.contoso.local");
        second.session("1", "x@contoso.com", "Active", "Desktop", ago(Duration.ofHours(30)));
        second.session("2", "y@contoso.com", "Active", "Desktop", ago(Duration.ofHours(20)));
        second.session("3", "z@contoso.com", "Active", "Desktop", ago(Duration.ofHours(1)));
        CleanupSummary summary = run(policy(rule("capped", ", \"maxPerRun\": 4", poolId(POOL), poolId(POOL_2))));
        assertEquals(Set.of("sh-0.contoso.local/1", "sh-0.contoso.local/2", "sh-0.contoso.local/3",
                "sh-9.contoso.local/1"), selectedIds(summary));
        assertEquals(2, summary.hostPools().get(1).skipped().get(SkipReason.MAX_PER_RUN));
        assertEquals(4, queue.sent().size());
        assertAccounted(summary);
    }

    // ---- warn, then disconnect -------------------------------------------------------------------------------

    private static final String WARNING = ", \"warnMinutes\": 10, \"messageTitle\": \"Maintenance\", "
            + "\"messageBody\": \"This host restarts in 10 minutes. Save your work.\"";

    @Test
    void warnsThroughSendMessageThenSchedulesTheDisconnect() {
        activeSessions(POOL, "sh-0.contoso.local", 2);
        CleanupSummary summary = run(policy(rule("sweep", WARNING, poolId(POOL))));
        List<AvdEmulator.SentMessage> messages = emulator.messages();
        assertEquals(2, messages.size());
        for (AvdEmulator.SentMessage message : messages) {
            assertEquals("Maintenance", message.title());
            assertEquals("This host restarts in 10 minutes. Save your work.", message.body());
        }
        assertEquals(2, summary.warned());
        assertEquals(2, queue.sent().size());
        for (QueuedRequest queued : queue.sent()) {
            assertEquals(NOW.plus(Duration.ofMinutes(10)), queued.scheduledAt());
        }
        Set<String> warnedWith = requests(r -> r.rawPath().endsWith("/sendMessage")).stream()
                .map(AvdEmulator.Recorded::clientRequestId).collect(Collectors.toSet());
        assertEquals(queue.sent().stream().map(QueuedRequest::messageId).collect(Collectors.toSet()), warnedWith,
                "each warning carries its request id");
        assertEquals(List.of(), requests(r -> r.rawPath().endsWith("/disconnect")),
                "the queue function disconnects, not the cleanup");
    }

    @Test
    void aSessionThatEndedBeforeItsWarningIsSkipped() {
        activeSessions(POOL, "sh-0.contoso.local", 2);
        emulator.inject(Fault.status(404, Map.of(), 1).on("POST", "/sendMessage"));
        CleanupSummary summary = run(policy(rule("sweep", WARNING, poolId(POOL))));
        assertEquals(1, skipped(summary, SkipReason.GONE));
        assertEquals(1, summary.warned());
        assertEquals(1, queue.sent().size());
        assertAccounted(summary);
    }

    @Test
    void aWarningArmRefusesIsAnErrorAndItsSessionIsNotEnqueued() {
        activeSessions(POOL, "sh-0.contoso.local", 2);
        emulator.inject(Fault.status(403, Map.of(), 1).on("POST", "/sendMessage"));
        CleanupFailedException e = failedRun(policy(rule("sweep", WARNING, poolId(POOL))));
        CleanupSummary summary = e.summary();
        assertEquals(1, summary.errors());
        assertEquals("InjectedFault403", summary.hostPools().get(0).errorDetails().get(0).code());
        assertEquals(1, summary.warned());
        assertEquals(1, queue.sent().size(), "only the warned session is disconnected");
        assertAccounted(summary);
    }

    // ---- ids -------------------------------------------------------------------------------------------------

    @Test
    void requestIdsAreTheSameAcrossRunsAndNewForAReusedSessionNumber() {
        var host = host(POOL, "sh-0.contoso.local");
        host.session("1", "a@contoso.com", "Active", "Desktop", ago(Duration.ofHours(5)));
        host.session("2", "b@contoso.com", "Active", "Desktop", ago(Duration.ofHours(5)));
        String policy = policy(rule("end-of-day", "", poolId(POOL)));
        Map<String, String> first = idsBySession(run(policy));
        Map<String, String> second = idsBySession(run(policy));
        assertEquals(first, second);
        host.session("1", "c@contoso.com", "Active", "Desktop", ago(Duration.ofHours(1)));
        Map<String, String> third = idsBySession(run(policy));
        assertNotEquals(first.get("1"), third.get("1"), "session 1 was created anew");
        assertEquals(first.get("2"), third.get("2"));
        assertEquals(6, queue.sent().size(), "duplicates are the queue's to drop, by messageId");
        assertEquals(3, queue.sent().stream().map(QueuedRequest::messageId).distinct().count());
    }

    private static Map<String, String> idsBySession(CleanupSummary summary) {
        return summary.hostPools().get(0).selections().stream().collect(Collectors.toMap(
                s -> s.userSession().userSessionId(), HostPoolReport.Selection::requestId));
    }

    // ---- dry run ---------------------------------------------------------------------------------------------

    @Test
    void aDryRunListsWouldBeSelectionsAndDoesNothing() {
        settings.remove(AppSettings.CLEANUP_DRY_RUN);
        activeSessions(POOL, "sh-0.contoso.local", 2);
        CleanupSummary summary = run(policy(rule("sweep", WARNING, poolId(POOL))));
        assertTrue(summary.dryRun(), "dry run is the default");
        assertEquals(2, summary.selected());
        assertEquals(0, summary.warned());
        assertEquals(0, summary.enqueued());
        assertEquals(List.of(), queue.sent());
        assertEquals(List.of(), emulator.messages());
        assertEquals(List.of(), requests(r -> !r.method().equals("GET")));
        JsonObject data = events.only().event().getAsJsonObject("data");
        assertTrue(data.get("dryRun").getAsBoolean());
        JsonObject selection = data.getAsJsonArray("hostPools").get(0).getAsJsonObject()
                .getAsJsonArray("selections").get(0).getAsJsonObject();
        assertEquals("user1@contoso.com", selection.get("userPrincipalName").getAsString());
        assertEquals(UserSessionId.parse(TestApp.sessionId("1")).resourceId(),
                selection.get("userSession").getAsString());
        assertEquals(NOW.plus(Duration.ofMinutes(10)).toString(), selection.get("scheduledAt").getAsString(),
                "when it would be disconnected");
    }

    // ---- refusals --------------------------------------------------------------------------------------------

    @Test
    void anInvalidPolicyNamesTheFieldAndCallsNothing() {
        activeSessions(POOL, "sh-0.contoso.local", 2);
        CleanupFailedException e = failedRun(policy(rule("bad", "", poolId(POOL),
                "/subscriptions/" + TestApp.SUBSCRIPTION + "/resourceGroups/rg-avd/hostPools/x")));
        assertTrue(e.getMessage().contains("CLEANUP_POLICY rules[0].hostPools[1]: "), e.getMessage());
        assertEquals(List.of(), emulator.requests());
        assertEquals(List.of(), queue.sent());
        JsonObject event = events.only().event();
        assertEquals(CleanupRunEvent.FAILED, event.get("type").getAsString());
        JsonObject failure = event.getAsJsonObject("data").getAsJsonObject("failure");
        assertEquals("InvalidPolicy", failure.get("code").getAsString());
        assertEquals("rules[0].hostPools[1]", failure.get("field").getAsString());
    }

    @Test
    void aHostPoolOutsideTheAllowedScopesIsRefusedWithoutArmCalls() {
        emulator.hostPool(TestApp.OTHER_SUBSCRIPTION, TestApp.RESOURCE_GROUP, POOL).sessionHost("sh-0.contoso.local")
                .session("1", "a@contoso.com", "Active", "Desktop", ago(Duration.ofHours(1)));
        activeSessions(POOL, "sh-0.contoso.local", 1);
        CleanupFailedException e = failedRun(policy(rule("ok", "", poolId(POOL)),
                rule("elsewhere", "", poolId(TestApp.OTHER_SUBSCRIPTION, POOL))));
        assertEquals("rules[1].hostPools[0]", e.summary().failure().field());
        assertTrue(e.getMessage().contains("outside AVD_ALLOWED_SCOPES"), e.getMessage());
        assertEquals(List.of(), emulator.requests(), "not even the allowed pool is read");
        assertEquals(List.of(), queue.sent());
    }

    // ---- failures while sending and publishing ---------------------------------------------------------------

    @Test
    void aFailedSendStopsTheRunLoudlyAndSaysWhatWasSent() {
        activeSessions(POOL, "sh-0.contoso.local", 5);
        activeSessions(POOL_2, "sh-9.contoso.local", 2);
        queue.failAfter(2);
        CleanupFailedException e = failedRun(policy(rule("first", "", poolId(POOL)),
                rule("second", "", poolId(POOL_2))));
        assertTrue(e.getMessage().contains("after 2 of 5 request(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("(enqueued: 2)"), e.getMessage());
        CleanupSummary summary = e.summary();
        assertEquals(2, summary.enqueued());
        assertEquals(2, queue.sent().size());
        assertEquals("SendFailed", summary.failure().code());
        assertEquals(1, summary.hostPools().size(), "the second rule never ran");
        assertEquals(List.of(), requests(listing(POOL_2)));
        JsonObject event = events.only().event();
        assertEquals(CleanupRunEvent.FAILED, event.get("type").getAsString());
        assertEquals(2, event.getAsJsonObject("data").getAsJsonObject("totals").get("enqueued").getAsInt());
    }

    @Test
    void theSummaryIsOneCloudEventOnTheResultsTopic() {
        activeSessions(POOL, "sh-0.contoso.local", 2);
        CleanupSummary summary = run(policy(rule("all", "", poolId(POOL))));
        RecordingEventPublisher.Published published = events.only();
        JsonObject event = published.event();
        assertEquals("1.0", event.get("specversion").getAsString());
        assertEquals(summary.runId(), event.get("id").getAsString());
        assertEquals(CleanupRunEvent.COMPLETED, event.get("type").getAsString());
        assertEquals("/avd-session-disconnect/local", event.get("source").getAsString());
        assertEquals(NOW.toString(), event.get("time").getAsString());
        JsonObject totals = event.getAsJsonObject("data").getAsJsonObject("totals");
        assertEquals(2, totals.get("listed").getAsInt());
        assertEquals(2, totals.get("enqueued").getAsInt());
        assertEquals(Map.of("type", CleanupRunEvent.COMPLETED, "runId", summary.runId(), "dryRun", false,
                "enqueued", 2, "errors", 0), published.properties());
    }

    @Test
    void aSummaryThatCannotBePublishedFailsTheRun() {
        activeSessions(POOL, "sh-0.contoso.local", 1);
        events.failing(true);
        CleanupFailedException e = failedRun(policy(rule("all", "", poolId(POOL))));
        assertTrue(e.getMessage().contains("could not be published"), e.getMessage());
        assertEquals(1, queue.sent().size(), "what was enqueued stays enqueued");
    }
}
