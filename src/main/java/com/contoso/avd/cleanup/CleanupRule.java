package com.contoso.avd.cleanup;

import com.contoso.avd.arm.HostPoolId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One rule of the cleanup policy: which sessions of which host pools to disconnect, and whether to warn first.
 *
 * @param sessionStates    states to select, compared case-insensitively (ARM's sessionState is an extensible string)
 * @param minSessionAge    the least age since {@code createTime}, or {@code null} for any age
 * @param applicationTypes application types to select; empty for any
 * @param includeUsers     UPN patterns to select; empty for everyone
 * @param excludeUsers     UPN patterns never to select: they win over {@code includeUsers}
 * @param onlyDrainedHosts select only sessions on session hosts in drain mode ({@code allowNewSession == false})
 * @param warning          the message to send before the disconnect, or {@code null} to disconnect at once
 * @param maxPerRun        the most sessions this rule acts on in one run, across its host pools
 */
public record CleanupRule(String name, List<HostPoolId> hostPools, List<String> sessionStates, Duration minSessionAge,
                          List<String> applicationTypes, List<UpnPattern> includeUsers, List<UpnPattern> excludeUsers,
                          boolean onlyDrainedHosts, Warning warning, int maxPerRun) {

    /** Send the user {@code title}/{@code body}, then disconnect {@code delay} later. */
    public record Warning(Duration delay, String title, String body) {
    }

    /**
     * Why this rule leaves {@code session} alone, or {@code null} when it selects it.
     *
     * @param drainedHosts lower-case names of the pool's session hosts in drain mode (read only for rules that need it)
     */
    SkipReason skipReason(ListedSession session, Set<String> drainedHosts, Instant now) {
        if (!containsIgnoringCase(sessionStates, session.sessionState())) {
            return SkipReason.SESSION_STATE;
        }
        if (!applicationTypes.isEmpty() && !containsIgnoringCase(applicationTypes, session.applicationType())) {
            return SkipReason.APPLICATION_TYPE;
        }
        if (minSessionAge != null) {
            if (session.createTime() == null) {
                return SkipReason.AGE_UNKNOWN;
            }
            if (session.createTime().plus(minSessionAge).isAfter(now)) {
                return SkipReason.TOO_RECENT;
            }
        }
        if (onlyDrainedHosts
                && !drainedHosts.contains(session.id().sessionHostName().toLowerCase(Locale.ROOT))) {
            return SkipReason.HOST_NOT_DRAINED;
        }
        if (matchesAny(excludeUsers, session.userPrincipalName())) {
            return SkipReason.EXCLUDED_USER;
        }
        if (!includeUsers.isEmpty() && !matchesAny(includeUsers, session.userPrincipalName())) {
            return SkipReason.NOT_INCLUDED;
        }
        return null;
    }

    private static boolean containsIgnoringCase(List<String> values, String value) {
        return value != null && values.stream().anyMatch(value::equalsIgnoreCase);
    }

    private static boolean matchesAny(List<UpnPattern> patterns, String upn) {
        return patterns.stream().anyMatch(p -> p.matches(upn));
    }
}
