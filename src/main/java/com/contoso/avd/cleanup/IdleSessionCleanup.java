package com.contoso.avd.cleanup;

import com.contoso.avd.arm.AllowedScopes;
import com.contoso.avd.arm.ArmClient;
import com.contoso.avd.events.EventPublisher;
import com.contoso.avd.queue.RequestQueue;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The scheduled cleanup: reads the policy, selects sessions by what ARM knows of them (state, age, application
 * type, user, drain mode), warns their users when a rule says so, and enqueues one disconnect request per session
 * on the requests queue, where the queue function disconnects it. Each run publishes one summary event.
 */
public final class IdleSessionCleanup {
    private final ArmClient arm;
    private final AllowedScopes scopes;
    private final String policy;
    private final boolean dryRun;
    private final RequestQueue requests;
    private final EventPublisher events;
    private final Clock clock;
    private final String eventSource;

    /**
     * @param policy the policy JSON ({@code CLEANUP_POLICY}); {@code null}, blank or no rules: cleanup is off
     * @param dryRun report what would be done, and do nothing: no message, nothing enqueued
     */
    public IdleSessionCleanup(ArmClient arm, AllowedScopes scopes, String policy, boolean dryRun,
                              RequestQueue requests, EventPublisher events, Clock clock, String eventSource) {
        this.arm = arm;
        this.scopes = scopes;
        this.policy = policy;
        this.dryRun = dryRun;
        this.requests = requests;
        this.events = events;
        this.clock = clock;
        this.eventSource = eventSource;
    }

    /**
     * Runs the policy once and publishes the summary. An invalid policy does nothing but say so.
     *
     * @return the summary, or empty when cleanup is off (no policy, or no rules): then nothing is called or published
     * @throws CleanupFailedException after publishing, when the policy is invalid, a host pool could not be
     *                                listed, a user could not be warned or a send to the queue failed; or when the
     *                                summary could not be published
     */
    public Optional<CleanupSummary> run() {
        if (policy == null || policy.isBlank()) {
            return Optional.empty();
        }
        CleanupSummary summary = new CleanupSummary(UUID.randomUUID().toString(), dryRun, clock.instant());
        try {
            CleanupPolicy parsed = CleanupPolicy.parse(policy, scopes);
            if (parsed.rules().isEmpty()) {
                return Optional.empty();
            }
            summary.rules(parsed.rules().size());
            new CleanupRun(arm, requests, clock, summary).execute(parsed);
        } catch (InvalidPolicyException e) {
            summary.fail(new CleanupSummary.Failure("InvalidPolicy", "CLEANUP_POLICY " + e.getMessage()
                    + "; nothing was done", e.field()));
        }
        summary.finish(clock.instant());
        try {
            events.publish(CleanupRunEvent.of(summary, eventSource), CleanupRunEvent.properties(summary));
        } catch (RuntimeException e) {
            throw new CleanupFailedException(summary, "the summary of cleanup run " + summary.runId()
                    + " could not be published (" + summary.logLine() + "): " + e.getMessage(), e);
        }
        if (summary.failed()) {
            CleanupSummary.Failure failure = summary.failure();
            throw new CleanupFailedException(summary, "cleanup run " + summary.runId() + " failed: "
                    + (failure != null ? failure.message() : summary.errors() + " error(s), the first: "
                    + summary.firstError())
                    + " (enqueued: " + summary.enqueued() + ")", null);
        }
        return Optional.of(summary);
    }
}
