package com.contoso.avd.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contoso.avd.app.AppSettings;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.support.InMemoryRequestQueue;
import com.contoso.avd.support.RecordingEventPublisher;
import com.contoso.avd.support.RecordingPublisher;
import com.contoso.avd.support.TestApp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Selection from a 10,000-session host pool in the emulator, at the emulator's default page size (100) and at 1000.
 * It checks that every session is listed and the selection is exact, and prints how long the run took: a
 * measurement for the README, not a timed assertion.
 */
class LargeHostPoolSelectionTest {
    private static final Instant NOW = Instant.parse("2026-11-25T19:00:00Z");
    private static final int SESSIONS = 10_000;
    private static final int HOSTS = 50;
    private static AvdEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = AvdEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void selectsFromTenThousandSessionsAtTheDefaultPageSize() {
        measure(100);
    }

    @Test
    void selectsFromTenThousandSessionsAtAThousandAPage() {
        measure(1000);
    }

    private void measure(int pageSize) {
        emulator.reset();
        emulator.pageSize(pageSize);
        var pool = emulator.hostPool(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, "hp-large");
        int old = 0;
        for (int i = 0; i < SESSIONS; i++) {
            // Active sessions created 0 to 20 hours ago; the rule takes those older than 10 hours.
            Duration age = Duration.ofSeconds(i * 20L * 3600 / SESSIONS);
            old += age.compareTo(Duration.ofHours(10)) >= 0 ? 1 : 0;
            pool.sessionHost("sh-" + (i % HOSTS) + ".contoso.local").session(String.valueOf(i / HOSTS),
                    "user" + i + "@contoso.com", "Active", "Desktop", NOW.minus(age));
        }
        Map<String, String> settings = TestApp.settings(emulator);
        settings.put(AppSettings.CLEANUP_POLICY, "{\"rules\": [{\"name\": \"end-of-day\", \"hostPools\": [\""
                + pool.resourceId() + "\"], \"minSessionAgeMinutes\": 600, \"maxPerRun\": 10000}]}");
        IdleSessionCleanup cleanup = TestApp.services(emulator, settings, new RecordingPublisher())
                .cleanup(new InMemoryRequestQueue(), new RecordingEventPublisher(), Clock.fixed(NOW, ZoneOffset.UTC));
        long[] millis = new long[2];
        CleanupSummary summary = null;
        for (int run = 0; run < 2; run++) {
            long started = System.nanoTime();
            summary = cleanup.run().orElseThrow();
            millis[run] = (System.nanoTime() - started) / 1_000_000;
        }
        assertEquals(SESSIONS, summary.listed());
        assertEquals(old, summary.selected());
        long pages = emulator.requests().stream().filter(r -> r.rawPath().endsWith("/userSessions")).count() / 2;
        assertEquals(SESSIONS / pageSize, pages);
        System.out.printf("cleanup selection from a %,d-session host pool (dry run, emulator, %d per page, %d pages):"
                + " %d ms first run, %d ms second run; %,d selected%n", SESSIONS, pageSize, pages, millis[0],
                millis[1], summary.selected());
    }
}
