package com.contoso.avd.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UserSessionIdTest {
    private static final String SUB = "6f2c1c43-8a3a-4f3f-9c55-0a1b2c3d4e5f";
    private static final String CANONICAL = "/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/"
            + "Microsoft.DesktopVirtualization/hostPools/hp1/sessionHosts/sh-0.contoso.local/userSessions/6";

    @Test
    void parsesTheCanonicalForm() {
        UserSessionId id = UserSessionId.parse(CANONICAL);
        assertEquals(SUB, id.subscriptionId());
        assertEquals("rg-avd", id.resourceGroupName());
        assertEquals("hp1", id.hostPoolName());
        assertEquals("sh-0.contoso.local", id.sessionHostName());
        assertEquals("6", id.userSessionId());
        assertEquals(CANONICAL, id.resourceId());
    }

    @Test
    void parsesTheLowerCaseFormArmReturnsAndATrailingDisconnect() {
        String armForm = "/subscriptions/" + SUB + "/resourcegroups/RG-AVD/providers/microsoft.desktopvirtualization"
                + "/hostpools/hp1/sessionhosts/sh-0.contoso.local/usersessions/6";
        UserSessionId id = UserSessionId.parse(armForm + "/Disconnect");
        assertEquals("RG-AVD", id.resourceGroupName());
        assertEquals(UserSessionId.parse(CANONICAL).key(), id.key());
        assertEquals(id, UserSessionId.parse(armForm));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "subscriptions/x",
        "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp1",
        "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp1"
                + "/sessionHosts/sh1",
        "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/hostPools/hp1/sessionHosts/sh1"
                + "/userSessions/1",
        "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp1"
                + "/sessionHosts/sh1/userSessions/1/",
        "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp1"
                + "/sessionHosts/sh1/userSessions/1?x=1",
        "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp1"
                + "/sessionHosts/sh1/userSessions/1#frag",
        "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp1"
                + "/sessionHosts/sh1/userSessions/%2e%2e",
        "/subscriptions/" + SUB + "/resourceGroups/../providers/Microsoft.DesktopVirtualization/hostPools/hp1"
                + "/sessionHosts/sh1/userSessions/1",
        "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/.."
                + "/sessionHosts/sh1/userSessions/1",
        "/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp1"
                + "/sessionHosts/sh1/userSessions/1",
        "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp1"
                + "/sessionHosts/sh1/userSessions/1/logoff"})
    void refusesAnythingButAUserSessionId(String id) {
        assertThrows(IllegalArgumentException.class, () -> UserSessionId.parse(id));
    }

    @Test
    void encodesEverySegmentSoNamesCannotChangeThePath() {
        UserSessionId id = UserSessionId.of(SUB, "rg(prod)", "pool one", "sh@x", "7");
        assertEquals("/subscriptions/" + SUB + "/resourceGroups/rg%28prod%29/providers/Microsoft.DesktopVirtualization"
                + "/hostPools/pool%20one/sessionHosts/sh%40x/userSessions/7", id.path());
    }

    @Test
    void resourceGroupNamesFollowTheArmRule() {
        assertTrue(ArmName.RESOURCE_GROUP_NAME.problem("rg.") != null, "a trailing period");
        assertTrue(ArmName.RESOURCE_GROUP_NAME.problem("..") != null, "a dot segment");
        assertTrue(ArmName.RESOURCE_GROUP_NAME.problem("a".repeat(91)) != null, "91 characters");
        assertEquals(null, ArmName.RESOURCE_GROUP_NAME.problem("My_RG-(1).a"));
        assertTrue(ArmName.HOST_POOL_NAME.problem("hp") != null, "2 characters");
        assertTrue(ArmName.SESSION_HOST_NAME.problem("a".repeat(49)) != null, "49 characters");
        assertTrue(ArmName.USER_SESSION_ID.problem("1".repeat(25)) != null, "25 characters");
        assertTrue(ArmName.USER_SESSION_ID.problem("1/2") != null, "a slash");
    }
}
