package com.contoso.avd.cleanup;

import com.contoso.avd.arm.ArmClient;
import com.contoso.avd.arm.ArmResponse;
import com.contoso.avd.arm.HostPoolId;
import com.contoso.avd.queue.QueuedRequest;
import com.contoso.avd.queue.RequestQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of a policy: rule by rule and host pool by host pool, list (each pool once), select, warn, enqueue. A host
 * pool ARM will not list is an error of that pool and the run goes on; a failed send to the queue stops the run.
 */
final class CleanupRun {
    private static final Comparator<ListedSession> OLDEST_FIRST = Comparator
            .comparing(ListedSession::createTime, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ListedSession::key);

    private final HostPoolReader reader;
    private final ArmClient arm;
    private final RequestQueue requests;
    private final Clock clock;
    private final CleanupSummary summary;
    private final Map<String, HostPoolReader.Listing> listings = new HashMap<>();
    private final Map<String, Set<String>> drainedHosts = new HashMap<>();
    private final Set<String> selected = new HashSet<>();

    CleanupRun(ArmClient arm, RequestQueue requests, Clock clock, CleanupSummary summary) {
        this.reader = new HostPoolReader(arm);
        this.arm = arm;
        this.requests = requests;
        this.clock = clock;
        this.summary = summary;
    }

    void execute(CleanupPolicy policy) {
        Instant now = clock.instant();
        for (CleanupRule rule : policy.rules()) {
            int budget = rule.maxPerRun();
            for (HostPoolId pool : rule.hostPools()) {
                HostPoolReport report = summary.report(rule, pool);
                List<ListedSession> candidates;
                try {
                    candidates = candidates(policy, rule, pool, report, now);
                } catch (ArmReadException e) {
                    report.error(e.code(), e.getMessage(), null);
                    continue;
                }
                List<QueuedRequest> queued = new ArrayList<>();
                for (ListedSession session : candidates) {
                    if (budget == 0) {
                        report.skip(SkipReason.MAX_PER_RUN);
                    } else if (act(rule, session, report, now, queued)) {
                        budget--;
                    }
                }
                if (!send(rule, pool, report, queued)) {
                    return;
                }
            }
        }
    }

    /** The sessions of {@code pool} that {@code rule} selects, oldest first; the others are counted as skipped. */
    private List<ListedSession> candidates(CleanupPolicy policy, CleanupRule rule, HostPoolId pool,
                                           HostPoolReport report, Instant now) {
        HostPoolReader.Listing listing = listings.get(pool.key());
        if (listing == null) {
            listing = reader.sessions(pool, policy.onlyStateFor(pool), summary.runId());
            listings.put(pool.key(), listing);
        }
        Set<String> drained = Set.of();
        if (rule.onlyDrainedHosts()) {
            drained = drainedHosts.get(pool.key());
            if (drained == null) {
                drained = reader.drainedHosts(pool, summary.runId());
                drainedHosts.put(pool.key(), drained);
            }
        }
        report.listed(listing);
        List<ListedSession> candidates = new ArrayList<>();
        for (ListedSession session : listing.sessions()) {
            SkipReason reason = selected.contains(session.key()) ? SkipReason.SELECTED_BY_EARLIER_RULE
                    : rule.skipReason(session, drained, now);
            if (reason == null) {
                candidates.add(session);
            } else {
                report.skip(reason);
            }
        }
        candidates.sort(OLDEST_FIRST);
        return candidates;
    }

    /**
     * Warns (unless a dry run) and selects one session; returns whether it counts against {@code maxPerRun}: a
     * session that ended before its warning does not, one whose warning failed does.
     */
    private boolean act(CleanupRule rule, ListedSession session, HostPoolReport report, Instant now,
                        List<QueuedRequest> queued) {
        String requestId = CleanupRequest.id(session, rule);
        Instant scheduledAt = null;
        if (rule.warning() != null) {
            if (!summary.dryRun()) {
                ArmResponse sent = arm.post(session.id().path() + "/sendMessage",
                        CleanupRequest.message(rule.warning()), requestId);
                if (sent.status() == 404) {
                    report.skip(SkipReason.GONE);
                    return false;
                }
                if (!sent.isSuccess()) {
                    report.error(sent.errorCode(), ArmReadException.of("sendMessage", sent).getMessage(),
                            session.id());
                    return true;
                }
                report.countWarned();
            }
            // The user gets the whole warning time, counted from when the message went out.
            scheduledAt = clock.instant().plus(rule.warning().delay());
        }
        selected.add(session.key());
        report.select(new HostPoolReport.Selection(session.id(), session.userPrincipalName(),
                session.sessionState(), session.createTime(), requestId, scheduledAt));
        if (!summary.dryRun()) {
            queued.add(CleanupRequest.queued(session, rule, requestId, now, scheduledAt));
        }
        return true;
    }

    /** Sends one rule's requests for one pool in batches; returns false when the run must stop. */
    private boolean send(CleanupRule rule, HostPoolId pool, HostPoolReport report, List<QueuedRequest> queued) {
        if (queued.isEmpty()) {
            return true;
        }
        try {
            requests.send(queued);
            report.enqueued(queued.size());
            return true;
        } catch (RuntimeException e) {
            int sent = 0;
            Throwable why = e;
            if (e instanceof RequestQueue.SendFailure failure) {
                sent = failure.sent();
                why = failure.getCause();
            }
            report.enqueued(sent);
            summary.fail(new CleanupSummary.Failure("SendFailed", "sending to the requests queue failed for rule "
                    + rule.name() + " in " + pool + " after " + sent + " of " + queued.size() + " request(s) ("
                    + why.getClass().getSimpleName() + ": " + why.getMessage() + "). This run enqueued "
                    + summary.enqueued() + " request(s) in all before it stopped; the rules and host pools after "
                    + "this one were not processed.", null));
            return false;
        }
    }
}
