package com.contoso.avd.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.app.AppSettings;
import com.contoso.avd.cleanup.CleanupFailedException;
import com.contoso.avd.cleanup.CleanupRunEvent;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.local.LocalExecutionContext;
import com.contoso.avd.support.InMemoryRequestQueue;
import com.contoso.avd.support.RecordingEventPublisher;
import com.contoso.avd.support.RecordingPublisher;
import com.contoso.avd.support.EmulatorExtension;
import com.contoso.avd.support.TestApp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The timer function: runs the policy, logs one line, fails the invocation when the run failed. */
@ExtendWith(EmulatorExtension.class)
class CleanupTimerFunctionTest {
    private static final String TIMER_INFO =
            "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}";
    private AvdEmulator emulator;
    private final InMemoryRequestQueue queue = new InMemoryRequestQueue();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final List<LogRecord> log = new CopyOnWriteArrayList<>();
    private Map<String, String> settings;

    @BeforeEach
    void setUp(AvdEmulator emulator) {
        this.emulator = emulator;
        settings = TestApp.settings(emulator);
    }

    private void fire() {
        CleanupTimerFunction function = new CleanupTimerFunction(() -> TestApp.services(emulator, settings,
                new RecordingPublisher()).cleanup(queue, events, Clock.systemUTC()));
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                log.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        function.run(TIMER_INFO, new LocalExecutionContext("CleanupIdleSessions", logger));
    }

    private static String policy(String pool) {
        return "{\"rules\": [{\"name\": \"end-of-day\", \"hostPools\": [\"/subscriptions/" + TestApp.SUBSCRIPTION
                + "/resourceGroups/" + TestApp.RESOURCE_GROUP + "/providers/Microsoft.DesktopVirtualization/hostPools/"
                + pool + "\"]}]}";
    }

    @Test
    void runsThePolicyAndLogsOneLine() {
        settings.put(AppSettings.CLEANUP_POLICY, policy(TestApp.HOST_POOL));
        settings.put(AppSettings.CLEANUP_DRY_RUN, "false");
        fire();
        assertEquals(2, queue.sent().size(), "sessions 1 and 3 are Active");
        assertEquals(CleanupRunEvent.COMPLETED, events.only().event().get("type").getAsString());
        assertEquals(1, log.size());
        String line = log.get(0).getMessage();
        assertTrue(line.startsWith("cleanup runId=") && line.contains(" outcome=completed dryRun=false ")
                && line.contains(" enqueued=2 "), line);
    }

    @Test
    void withoutAPolicyCleanupIsOff() {
        fire();
        assertEquals(List.of(), emulator.requests());
        assertEquals(List.of(), events.published());
        assertEquals("cleanup is off: CLEANUP_POLICY is not set or has no rules", log.get(0).getMessage());
    }

    @Test
    void theDeploymentsEmptyDefaultPolicyIsOffToo() {
        settings.put(AppSettings.CLEANUP_POLICY, "[]");
        fire();
        assertEquals(List.of(), emulator.requests());
        assertEquals(List.of(), events.published());
    }

    @Test
    void aFailedRunFailsTheInvocationAfterTheSummary() {
        settings.put(AppSettings.CLEANUP_POLICY, policy("x"));
        assertThrows(CleanupFailedException.class, this::fire);
        assertEquals(CleanupRunEvent.FAILED, events.only().event().get("type").getAsString());
        assertEquals(Level.SEVERE, log.get(0).getLevel());
        assertTrue(log.get(0).getMessage().contains("rules[0].hostPools[0]"), log.get(0).getMessage());
    }

    @Test
    void aMistypedDryRunSettingIsRefusedNamingIt() {
        settings.put(AppSettings.CLEANUP_POLICY, policy(TestApp.HOST_POOL));
        settings.put(AppSettings.CLEANUP_DRY_RUN, "no");
        IllegalStateException e = assertThrows(IllegalStateException.class, this::fire);
        assertTrue(e.getMessage().contains("CLEANUP_DRY_RUN must be true or false"), e.getMessage());
        assertEquals(List.of(), emulator.requests());
    }
}
