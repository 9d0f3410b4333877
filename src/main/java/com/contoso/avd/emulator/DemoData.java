package com.contoso.avd.emulator;

import java.time.Duration;
import java.time.Instant;

/** The demo host pool the local run starts with: three session hosts (one drained), sessions of mixed states and ages. */
public final class DemoData {
    public static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    public static final String RESOURCE_GROUP = "rg-avd-demo";
    public static final String HOST_POOL = "hp-demo";
    public static final String[] SESSION_HOSTS = {"sh-demo-0.contoso.local", "sh-demo-1.contoso.local",
        "sh-demo-2.contoso.local"};

    private DemoData() {
    }

    public static void seed(AvdEmulator emulator, Instant now) {
        var pool = emulator.hostPool(SUBSCRIPTION, RESOURCE_GROUP, HOST_POOL);
        var sh0 = pool.sessionHost(SESSION_HOSTS[0]);
        sh0.session("1", "alice@contoso.com", "Active", "Desktop", now.minus(Duration.ofHours(11)));
        sh0.session("2", "bob@contoso.com", "Disconnected", "Desktop", now.minus(Duration.ofHours(26)));
        sh0.session("3", "carol@contoso.com", "Active", "RemoteApp", now.minus(Duration.ofMinutes(40)));
        var sh1 = pool.sessionHost(SESSION_HOSTS[1]);
        sh1.session("4", "dave@contoso.com", "Active", "Desktop", now.minus(Duration.ofHours(3)));
        sh1.session("5", "erin@contoso.com", "Active", "Desktop", now.minus(Duration.ofHours(9)));
        sh1.session("6", "svc-kiosk@contoso.com", "Active", "RemoteApp", now.minus(Duration.ofDays(3)));
        var sh2 = pool.sessionHost(SESSION_HOSTS[2]).drain(true);
        sh2.session("7", "frank@contoso.com", "Active", "Desktop", now.minus(Duration.ofHours(2)));
        sh2.session("8", "grace@contoso.com", "Disconnected", "Desktop", now.minus(Duration.ofHours(5)));
    }

    /** The resource id of a demo session on session host {@code host} (0-2). */
    public static String sessionId(int host, String id) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.DesktopVirtualization/hostPools/" + HOST_POOL + "/sessionHosts/"
                + SESSION_HOSTS[host] + "/userSessions/" + id;
    }

    /**
     * The local run's cleanup policy: an end-of-day rule (Active sessions older than 8 hours, service accounts
     * excluded) and a maintenance sweep of the drained host with a one-minute warning.
     */
    public static String cleanupPolicy() {
        String pool = "\"/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.DesktopVirtualization/hostPools/" + HOST_POOL + "\"";
        return "[{\"name\":\"end-of-day\",\"hostPools\":[" + pool + "],\"sessionStates\":[\"Active\"],"
                + "\"minSessionAgeMinutes\":480,\"excludeUsers\":[\"svc-*\"],\"maxPerRun\":20},"
                + "{\"name\":\"maintenance-sweep\",\"hostPools\":[" + pool + "],\"onlyDrainedHosts\":true,"
                + "\"warnMinutes\":1,\"messageTitle\":\"Maintenance\",\"messageBody\":\"This session host goes "
                + "into maintenance: you will be disconnected in 1 minute. Please save your work.\"}]";
    }

    public static String resourceGroupScope() {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP;
    }
}
