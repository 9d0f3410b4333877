package com.contoso.avd.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.arm.AllowedScopes;
import com.contoso.avd.arm.HostPoolId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading CLEANUP_POLICY: defaults, every field, and errors that name the field. */
class CleanupPolicyTest {
    private static final String SUB = "6f2c1c43-8a3a-4f3f-9c55-0a1b2c3d4e5f";
    private static final String OTHER_SUB = "0b1d3c5e-7f90-4a2b-8c4d-6e8f0a2b4c6d";
    private static final String POOL = "/subscriptions/" + SUB
            + "/resourceGroups/rg-avd/providers/Microsoft.DesktopVirtualization/hostPools/hp-pooled";
    private static final String POOL_2 = POOL + "2";
    private static final AllowedScopes SCOPES = AllowedScopes.parse("/subscriptions/" + SUB + "/resourceGroups/rg-avd");

    private static CleanupPolicy parse(String json) {
        return CleanupPolicy.parse(json, SCOPES);
    }

    private static InvalidPolicyException invalid(String json) {
        return assertThrows(InvalidPolicyException.class, () -> parse(json));
    }

    private static String oneRule(String members) {
        return "{\"rules\": [{\"name\": \"r\", \"hostPools\": [\"" + POOL + "\"]" + members + "}]}";
    }

    @Test
    void aMinimalRuleTakesTheDefaults() {
        CleanupRule rule = parse(oneRule("")).rules().get(0);
        assertEquals("r", rule.name());
        assertEquals(List.of(HostPoolId.parse(POOL)), rule.hostPools());
        assertEquals(List.of("Active"), rule.sessionStates());
        assertNull(rule.minSessionAge());
        assertEquals(List.of(), rule.applicationTypes());
        assertEquals(List.of(), rule.includeUsers());
        assertEquals(List.of(), rule.excludeUsers());
        assertFalse(rule.onlyDrainedHosts());
        assertNull(rule.warning());
        assertEquals(100, rule.maxPerRun());
    }

    @Test
    void everyFieldIsRead() {
        CleanupRule rule = parse(oneRule(", \"sessionStates\": [\"disconnected\", \"Custom\"], "
                + "\"minSessionAgeMinutes\": 600, \"applicationTypes\": [\"remoteapp\"], "
                + "\"includeUsers\": [\"*@contoso.com\"], \"excludeUsers\": [\"admin*\"], \"onlyDrainedHosts\": true, "
                + "\"warnMinutes\": 10, \"messageTitle\": \"Maintenance\", \"messageBody\": \"Save your work.\\nBye\", "
                + "\"maxPerRun\": 25")).rules().get(0);
        assertEquals(List.of("Disconnected", "Custom"), rule.sessionStates(), "known states take ARM's spelling");
        assertEquals(Duration.ofHours(10), rule.minSessionAge());
        assertEquals(List.of("RemoteApp"), rule.applicationTypes());
        assertEquals("*@contoso.com", rule.includeUsers().get(0).toString());
        assertEquals("admin*", rule.excludeUsers().get(0).toString());
        assertTrue(rule.onlyDrainedHosts());
        assertEquals(new CleanupRule.Warning(Duration.ofMinutes(10), "Maintenance", "Save your work.\nBye"),
                rule.warning());
        assertEquals(25, rule.maxPerRun());
    }

    @Test
    void keysAreCaseInsensitiveAndNullMeansAbsent() {
        CleanupRule rule = parse("{\"Rules\": [{\"Name\": \"r\", \"HostPools\": [\"" + POOL + "\"], "
                + "\"MaxPerRun\": 5, \"warnMinutes\": null}]}").rules().get(0);
        assertEquals(5, rule.maxPerRun());
        assertNull(rule.warning());
    }

    @Test
    void errorsNameTheField() {
        assertEquals("rules[0].hostPools[1]", invalid("{\"rules\": [{\"name\": \"r\", \"hostPools\": [\"" + POOL
                + "\", \"/subscriptions/" + SUB + "/resourceGroups/rg-avd\"]}]}").field());
        assertEquals("rules[0].maxPerRun", invalid(oneRule(", \"maxPerRun\": 0")).field());
        assertEquals("rules[0].maxPerRun", invalid(oneRule(", \"maxPerRun\": 2.5")).field());
        assertEquals("rules[0].minSessionAgeMinutes", invalid(oneRule(", \"minSessionAgeMinutes\": \"600\"")).field());
        assertEquals("rules[0].onlyDrainedHosts", invalid(oneRule(", \"onlyDrainedHosts\": \"yes\"")).field());
        assertEquals("rules[0].sessionStates[1]", invalid(oneRule(", \"sessionStates\": [\"Active\", \"not a word\"]"))
                .field());
        assertEquals("rules[0].includeUsers", invalid(oneRule(", \"includeUsers\": []")).field());
        assertEquals("rules[0].excludeUsers[0]", invalid(oneRule(", \"excludeUsers\": [\"a b\"]")).field());
        assertEquals("rules[0].excludeHostTag", invalid(oneRule(", \"excludeHostTag\": \"keep\"")).field());
        assertEquals("rules[0].hostPools", invalid("{\"rules\": [{\"name\": \"r\"}]}").field());
        assertEquals("rules[0].name", invalid("{\"rules\": [{\"name\": \"end of day\", \"hostPools\": [\"" + POOL
                + "\"]}]}").field());
        assertEquals("rules", invalid("{\"rules\": {}}").field());
        assertEquals("rules[0]", invalid("[\"r\"]").field());
        assertEquals("policy", invalid("{\"rules\": [").field());
        assertEquals("policy", invalid("").field());
    }

    @Test
    void theMessageNamesTheFieldAndTheProblem() {
        InvalidPolicyException e = invalid(oneRule(", \"maxPerRun\": 20000"));
        assertEquals("rules[0].maxPerRun: must be a whole number from 1 to 10000 (got 20000)", e.getMessage());
    }

    @Test
    void aBareArrayOfRulesIsTheSameAsTheRulesObject() {
        String rule = "{\"name\": \"r\", \"hostPools\": [\"" + POOL + "\"], \"maxPerRun\": 7}";
        assertEquals(parse("{\"rules\": [" + rule + "]}"), parse("[" + rule + "]"));
        assertEquals("rules[0].maxPerRun", invalid("[" + rule.replace("7", "0") + "]").field());
    }

    @Test
    void noRulesIsAValidPolicyThatDoesNothing() {
        assertEquals(List.of(), parse("[]").rules());
        assertEquals(List.of(), parse("{\"rules\": []}").rules());
        assertEquals("policy", invalid("\"rules\"").field());
    }

    @Test
    void aWarningNeedsItsMinutesTitleAndBody() {
        assertEquals("rules[0].messageBody", invalid(oneRule(", \"warnMinutes\": 10, \"messageTitle\": \"t\""))
                .field());
        assertEquals("rules[0].messageTitle", invalid(oneRule(", \"messageTitle\": \"t\", \"messageBody\": \"b\""))
                .field());
        assertEquals("rules[0].warnMinutes", invalid(oneRule(", \"warnMinutes\": 0, \"messageTitle\": \"t\", "
                + "\"messageBody\": \"b\"")).field());
        assertEquals("rules[0].messageTitle", invalid(oneRule(", \"warnMinutes\": 5, \"messageTitle\": \"a\\nb\", "
                + "\"messageBody\": \"b\"")).field());
    }

    @Test
    void ruleNamesAreUniqueAndPoolsAreNotRepeated() {
        String rule = "{\"name\": \"End-Of-Day\", \"hostPools\": [\"" + POOL + "\"]}";
        assertEquals("rules[1].name", invalid("{\"rules\": [" + rule + ", " + rule.replace("End-Of-Day", "end-of-day")
                + "]}").field());
        assertEquals("rules[0].hostPools[1]", invalid("{\"rules\": [{\"name\": \"r\", \"hostPools\": [\"" + POOL
                + "\", \"" + POOL.toLowerCase() + "\"]}]}").field());
    }

    @Test
    void aHostPoolOutsideTheAllowedScopesMakesThePolicyInvalid() {
        String outside = POOL.replace(SUB, OTHER_SUB);
        InvalidPolicyException e = invalid("{\"rules\": [{\"name\": \"r\", \"hostPools\": [\"" + POOL + "\", \""
                + outside + "\"]}]}");
        assertEquals("rules[0].hostPools[1]", e.field());
        assertTrue(e.getMessage().contains("outside AVD_ALLOWED_SCOPES"), e.getMessage());
        InvalidPolicyException none = assertThrows(InvalidPolicyException.class,
                () -> CleanupPolicy.parse(oneRule(""), AllowedScopes.parse("")));
        assertTrue(none.getMessage().contains("AVD_ALLOWED_SCOPES is not set"), none.getMessage());
    }

    @Test
    void aStateFilterIsOnlyUsedWhenEveryRuleOnThePoolAsksForOneState() {
        CleanupPolicy policy = parse("{\"rules\": ["
                + "{\"name\": \"a\", \"hostPools\": [\"" + POOL + "\", \"" + POOL_2 + "\"]},"
                + "{\"name\": \"b\", \"hostPools\": [\"" + POOL + "\"], \"sessionStates\": [\"ACTIVE\"]},"
                + "{\"name\": \"c\", \"hostPools\": [\"" + POOL_2 + "\"], \"sessionStates\": [\"Disconnected\"]}]}");
        assertEquals("Active", policy.onlyStateFor(HostPoolId.parse(POOL)));
        assertNull(policy.onlyStateFor(HostPoolId.parse(POOL_2)));
    }
}
