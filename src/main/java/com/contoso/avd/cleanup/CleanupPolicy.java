package com.contoso.avd.cleanup;

import com.contoso.avd.arm.AllowedScopes;
import com.contoso.avd.arm.HostPoolId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of {@code CLEANUP_POLICY}, in order: a session selected by one rule is not considered by the next. No
 * rules means the cleanup is off.
 */
public record CleanupPolicy(List<CleanupRule> rules) {

    /**
     * Reads a policy, refusing anything unclear and every host pool outside {@code scopes}.
     *
     * @throws InvalidPolicyException naming the field
     */
    public static CleanupPolicy parse(String json, AllowedScopes scopes) {
        return new CleanupPolicyParser(scopes).parse(json);
    }

    /**
     * The one session state every rule on {@code pool} asks for, worth an ARM {@code $filter}; {@code null} when
     * the rules ask for several.
     */
    String onlyStateFor(HostPoolId pool) {
        Set<String> states = new LinkedHashSet<>();
        String first = null;
        for (CleanupRule rule : rules) {
            if (rule.hostPools().stream().anyMatch(p -> p.key().equals(pool.key()))) {
                for (String state : rule.sessionStates()) {
                    states.add(state.toLowerCase(Locale.ROOT));
                    first = first == null ? state : first;
                }
            }
        }
        return states.size() == 1 ? first : null;
    }
}
