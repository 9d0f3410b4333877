package com.contoso.avd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.disconnect.DisconnectOutcome;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.functions.DisconnectQueueFunction;
import com.contoso.avd.local.LocalExecutionContext;
import com.contoso.avd.support.RecordingPublisher;
import com.contoso.avd.support.EmulatorExtension;
import com.contoso.avd.support.TestApp;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Targets that try to slip past {@code AVD_ALLOWED_SCOPES}: all end rejected, and ARM never hears of them. */
@ExtendWith(EmulatorExtension.class)
class ScopeGuardAttackTest {
    private static final String HOST_POOL_SCOPE = "/subscriptions/" + TestApp.SUBSCRIPTION + "/resourceGroups/"
            + TestApp.RESOURCE_GROUP + "/providers/Microsoft.DesktopVirtualization/hostPools/" + TestApp.HOST_POOL;
    private AvdEmulator emulator;
    private final RecordingPublisher published = new RecordingPublisher();
    private DisconnectQueueFunction function;

    @BeforeEach
    void setUp(AvdEmulator emulator) {
        this.emulator = emulator;
        // Lookalike pools and groups exist, so only the guard stands between the request and a disconnect.
        for (String rg : new String[] {"rg-avd2", "rg-av", "rg-avd-prod"}) {
            emulator.hostPool(TestApp.SUBSCRIPTION, rg, TestApp.HOST_POOL).sessionHost(TestApp.SESSION_HOST)
                    .session("1", "x@contoso.com", "Active", "Desktop", java.time.Instant.now());
        }
        emulator.hostPool(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, "hp-pooled2").sessionHost(TestApp.SESSION_HOST)
                .session("1", "x@contoso.com", "Active", "Desktop", java.time.Instant.now());
        emulator.hostPool(TestApp.OTHER_SUBSCRIPTION, TestApp.RESOURCE_GROUP, TestApp.HOST_POOL)
                .sessionHost(TestApp.SESSION_HOST).session("1", "x@contoso.com", "Active", "Desktop",
                        java.time.Instant.now());
        var settings = TestApp.settings(emulator);
        settings.put("AVD_ALLOWED_SCOPES", HOST_POOL_SCOPE);
        function = new DisconnectQueueFunction(TestApp.services(emulator, Map.copyOf(settings), published)::handler);
    }

    private DisconnectResult deliver(String inputObject) {
        function.run("{\"inputObject\":\"" + inputObject + "\"}", "m", 1, new LocalExecutionContext("q"));
        return published.only();
    }

    private static String id(String subscription, String rg, String pool) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + rg
                + "/providers/Microsoft.DesktopVirtualization/hostPools/" + pool + "/sessionHosts/"
                + TestApp.SESSION_HOST + "/userSessions/1";
    }

    @ParameterizedTest
    @ValueSource(strings = {"rg-avd2", "rg-av", "rg-avd-prod"})
    void aResourceGroupThatSharesAPrefixIsOutside(String rg) {
        assertRefusedWithoutArm(deliver(id(TestApp.SUBSCRIPTION, rg, TestApp.HOST_POOL)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hp-pooled2", "hp-poole"})
    void aHostPoolThatSharesAPrefixIsOutside(String pool) {
        assertRefusedWithoutArm(deliver(id(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, pool)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/subscriptions/" + TestApp.OTHER_SUBSCRIPTION + "/resourceGroups/rg-avd/providers/"
                + "Microsoft.DesktopVirtualization/hostPools/hp-pooled/sessionHosts/sh-0.contoso.local/userSessions/1",
        "/subscriptions/" + TestApp.SUBSCRIPTION + "/resourceGroups/rg-avd/providers/"
                + "Microsoft.DesktopVirtualization/hostPools/hp-pooled/",
        "/subscriptions/" + TestApp.SUBSCRIPTION + "/resourceGroups/rg-avd/providers/"
                + "Microsoft.DesktopVirtualization/hostPools/hp-pooled/sessionHosts/sh-0.contoso.local",
        "/subscriptions/" + TestApp.SUBSCRIPTION + "/resourceGroups/rg-avd/providers/"
                + "Microsoft.Compute/virtualMachines/hp-pooled/sessionHosts/sh-0.contoso.local/userSessions/1",
        "/subscriptions/" + TestApp.SUBSCRIPTION + "/resourceGroups/rg-avd/providers/"
                + "Microsoft.DesktopVirtualization/hostPools/hp-pooled/sessionHosts/sh-0.contoso.local/userSessions/1/",
        "/subscriptions/" + TestApp.SUBSCRIPTION + "/resourceGroups/rg-avd/providers/"
                + "Microsoft.DesktopVirtualization/hostPools/hp-pooled/../hp-pooled2/sessionHosts/sh-0.contoso.local"
                + "/userSessions/1",
        "/subscriptions/" + TestApp.SUBSCRIPTION + "/resourceGroups/rg-avd/providers/"
                + "Microsoft.DesktopVirtualization/hostPools/hp-pooled%2F..%2Fhp-pooled2/sessionHosts/sh-0.contoso.local"
                + "/userSessions/1",
        "/subscriptions/" + TestApp.SUBSCRIPTION + "//resourceGroups/rg-avd/providers/"
                + "Microsoft.DesktopVirtualization/hostPools/hp-pooled/sessionHosts/sh-0.contoso.local/userSessions/1",
        "/SUBSCRIPTIONS/" + TestApp.OTHER_SUBSCRIPTION + "/RESOURCEGROUPS/RG-AVD/PROVIDERS/"
                + "MICROSOFT.DESKTOPVIRTUALIZATION/HOSTPOOLS/HP-POOLED/SESSIONHOSTS/SH-0.CONTOSO.LOCAL/USERSESSIONS/1"})
    void otherSubscriptionsResourceTypesAndPathTricksAreRefused(String inputObject) {
        assertRefusedWithoutArm(deliver(inputObject));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RG-AVD", "Rg-Avd"})
    void caseIsNotATrickArmNamesAreCaseInsensitive(String rg) {
        DisconnectResult result = deliver(id(TestApp.SUBSCRIPTION.toUpperCase(), rg, "HP-POOLED"));
        assertEquals(DisconnectOutcome.SUCCEEDED, result.outcome(), String.valueOf(result.error()));
    }

    private void assertRefusedWithoutArm(DisconnectResult result) {
        assertEquals(DisconnectOutcome.REJECTED, result.outcome());
        assertTrue(result.error().message() != null && !result.error().message().isBlank());
        assertTrue(emulator.requests().isEmpty(), "no ARM call: " + emulator.requests());
    }
}
