package com.contoso.avd.cleanup;

import com.contoso.avd.arm.HostPoolId;
import com.contoso.avd.arm.UserSessionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What one rule did in one host pool during a run. */
public final class HostPoolReport {
    /** Error details kept per report; the count is always exact. */
    static final int MAX_ERROR_DETAILS = 10;

    private final String rule;
    private final HostPoolId hostPool;
    private final CleanupRule.Warning warning;
    private final Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
    private final List<Selection> selections = new ArrayList<>();
    private final List<Problem> errorDetails = new ArrayList<>();
    private int listed;
    private String filter;
    private int warned;
    private int enqueued;
    private int errors;

    /** A session the rule selected: to be disconnected, at {@code scheduledAt} when it was warned. */
    public record Selection(UserSessionId userSession, String userPrincipalName, String sessionState,
                            Instant createTime, String requestId, Instant scheduledAt) {
    }

    /** @param userSession the session concerned, or {@code null} when the problem is the host pool's */
    public record Problem(String code, String message, UserSessionId userSession) {
    }

    HostPoolReport(CleanupRule rule, HostPoolId hostPool) {
        this.rule = rule.name();
        this.hostPool = hostPool;
        this.warning = rule.warning();
    }

    void listed(HostPoolReader.Listing listing) {
        listed = listing.sessions().size() + listing.unreadable();
        filter = listing.filter();
        if (listing.unreadable() > 0) {
            skipped.merge(SkipReason.UNREADABLE, listing.unreadable(), Integer::sum);
        }
    }

    void skip(SkipReason reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    void select(Selection selection) {
        selections.add(selection);
    }

    void countWarned() {
        warned++;
    }

    void enqueued(int count) {
        enqueued += count;
    }

    void error(String code, String message, UserSessionId userSession) {
        errors++;
        if (errorDetails.size() < MAX_ERROR_DETAILS) {
            errorDetails.add(new Problem(code, message, userSession));
        }
    }

    public String rule() {
        return rule;
    }

    public HostPoolId hostPool() {
        return hostPool;
    }

    /** The warning the rule sends, or {@code null}. */
    public CleanupRule.Warning warning() {
        return warning;
    }

    public int listed() {
        return listed;
    }

    /** The {@code $filter} ARM applied to the listing, or {@code null}. */
    public String filter() {
        return filter;
    }

    public List<Selection> selections() {
        return Collections.unmodifiableList(selections);
    }

    public Map<SkipReason, Integer> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    public int warned() {
        return warned;
    }

    public int enqueued() {
        return enqueued;
    }

    public int errors() {
        return errors;
    }

    public List<Problem> errorDetails() {
        return Collections.unmodifiableList(errorDetails);
    }
}
