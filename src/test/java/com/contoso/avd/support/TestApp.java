package com.contoso.avd.support;

import com.contoso.avd.app.AppServices;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.local.DevelopmentCredential;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/** The app wired to an emulator, as the local host wires it, with fast retries for tests. */
public final class TestApp {
    public static final String SUBSCRIPTION = "6f2c1c43-8a3a-4f3f-9c55-0a1b2c3d4e5f";
    public static final String OTHER_SUBSCRIPTION = "0b1d3c5e-7f90-4a2b-8c4d-6e8f0a2b4c6d";
    public static final String RESOURCE_GROUP = "rg-avd";
    public static final String HOST_POOL = "hp-pooled";
    public static final String SESSION_HOST = "sh-0.contoso.local";

    private TestApp() {
    }

    public static Map<String, String> settings(AvdEmulator emulator) {
        Map<String, String> settings = new HashMap<>();
        settings.put(AppSettings.ARM_ENDPOINT, emulator.endpoint().toString());
        settings.put(AppSettings.ALLOWED_SCOPES, "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP);
        settings.put(AppSettings.DEFAULT_SUBSCRIPTION_ID, SUBSCRIPTION);
        settings.put(AppSettings.ARM_MAX_ATTEMPTS, "3");
        settings.put(AppSettings.ARM_RETRY_BUDGET_SECONDS, "10");
        settings.put(AppSettings.ARM_READ_TIMEOUT_SECONDS, "2");
        settings.put(AppSettings.MAX_DELIVERY_COUNT, "3");
        return settings;
    }

    public static AppServices services(AvdEmulator emulator, Map<String, String> settings,
                                       RecordingPublisher publisher) {
        return AppServices.create(new AppSettings(settings),
                DevelopmentCredential.forEndpoint(emulator.endpoint()), emulator.clientSslContext(), publisher);
    }

    public static AppServices services(AvdEmulator emulator, RecordingPublisher publisher) {
        return services(emulator, settings(emulator), publisher);
    }

    /** Host pool hp-pooled with sessions 1 (Active), 2 (Disconnected) and 3 (Active) on sh-0. */
    public static void seed(AvdEmulator emulator) {
        Instant created = Instant.now().minus(3, ChronoUnit.HOURS);
        var host = emulator.hostPool(SUBSCRIPTION, RESOURCE_GROUP, HOST_POOL).sessionHost(SESSION_HOST);
        host.session("1", "alice@contoso.com", "Active", "Desktop", created);
        host.session("2", "bob@contoso.com", "Disconnected", "Desktop", created);
        host.session("3", "carol@contoso.com", "Active", "RemoteApp", created);
    }

    public static String sessionId(String id) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.DesktopVirtualization/hostPools/" + HOST_POOL + "/sessionHosts/" + SESSION_HOST
                + "/userSessions/" + id;
    }
}
