package com.contoso.avd.arm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllowedScopesTest {
    private static final String SUB = "6f2c1c43-8a3a-4f3f-9c55-0a1b2c3d4e5f";
    private static final String OTHER = "0b1d3c5e-7f90-4a2b-8c4d-6e8f0a2b4c6d";

    private static HostPoolId pool(String sub, String rg, String hp) {
        return new HostPoolId(sub, rg, hp);
    }

    @Test
    void subscriptionScopeAdmitsItsPoolsOnly() {
        AllowedScopes scopes = AllowedScopes.parse("/subscriptions/" + SUB);
        assertTrue(scopes.allows(pool(SUB, "any", "hp1")));
        assertTrue(scopes.allows(pool(SUB.toUpperCase(), "ANY", "HP1")), "ARM names are case-insensitive");
        assertFalse(scopes.allows(pool(OTHER, "any", "hp1")));
    }

    @Test
    void resourceGroupScopeIsMatchedBySegmentNotByPrefix() {
        AllowedScopes scopes = AllowedScopes.parse("/subscriptions/" + SUB + "/resourceGroups/rg");
        assertTrue(scopes.allows(pool(SUB, "RG", "hp1")));
        assertFalse(scopes.allows(pool(SUB, "rg2", "hp1")), "rg must not admit rg2");
        assertFalse(scopes.allows(pool(SUB, "r", "hp1")));
    }

    @Test
    void hostPoolScopesAndListsWithSpacesAndSemicolons() {
        String hp = "/subscriptions/" + SUB + "/resourcegroups/rg/providers/microsoft.desktopvirtualization/hostpools/hp1";
        AllowedScopes scopes = AllowedScopes.parse(" " + hp + " ; /subscriptions/" + OTHER + "/resourceGroups/x ,");
        assertTrue(scopes.allows(pool(SUB, "rg", "HP1")));
        assertFalse(scopes.allows(pool(SUB, "rg", "hp10")), "hp1 must not admit hp10");
        assertTrue(scopes.allows(pool(OTHER, "x", "anything")));
        assertFalse(scopes.allows(pool(OTHER, "y", "anything")));
    }

    @Test
    void emptyAllowsNothingAndStarAllowsEverything() {
        assertTrue(AllowedScopes.parse(null).isEmpty());
        assertFalse(AllowedScopes.parse("").allows(pool(SUB, "rg", "hp1")));
        assertTrue(AllowedScopes.parse("*").allows(pool(OTHER, "rg", "hp1")));
    }

    @Test
    void invalidEntriesAreConfigurationErrors() {
        assertThrows(IllegalArgumentException.class, () -> AllowedScopes.parse("/subscriptions/" + SUB + "/"));
        assertThrows(IllegalArgumentException.class, () -> AllowedScopes.parse("/subscriptions/not-a-guid"));
        assertThrows(IllegalArgumentException.class,
                () -> AllowedScopes.parse("/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute"
                        + "/virtualMachines/vm1"));
        assertThrows(IllegalArgumentException.class, () -> AllowedScopes.parse("rg-avd"));
    }
}
