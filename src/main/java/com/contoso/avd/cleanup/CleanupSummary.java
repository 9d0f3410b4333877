package com.contoso.avd.cleanup;

import com.contoso.avd.arm.HostPoolId;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** What one cleanup run did: per rule and host pool, the sessions listed, selected, skipped, warned and enqueued. */
public final class CleanupSummary {
    private final String runId;
    private final boolean dryRun;
    private final Instant startedAt;
    private final long startedNanos = System.nanoTime();
    private final List<HostPoolReport> hostPools = new ArrayList<>();
    private Instant finishedAt;
    private long durationMs;
    private int rules;
    private Failure failure;

    /**
     * What stopped a run before its end.
     *
     * @param field the policy field at fault, or {@code null}
     */
    public record Failure(String code, String message, String field) {
    }

    CleanupSummary(String runId, boolean dryRun, Instant startedAt) {
        this.runId = runId;
        this.dryRun = dryRun;
        this.startedAt = startedAt;
    }

    HostPoolReport report(CleanupRule rule, HostPoolId hostPool) {
        HostPoolReport report = new HostPoolReport(rule, hostPool);
        hostPools.add(report);
        return report;
    }

    void rules(int count) {
        rules = count;
    }

    void fail(Failure why) {
        failure = why;
    }

    void finish(Instant at) {
        finishedAt = at;
        durationMs = (System.nanoTime() - startedNanos) / 1_000_000;
    }

    public String runId() {
        return runId;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public List<HostPoolReport> hostPools() {
        return Collections.unmodifiableList(hostPools);
    }

    /** What stopped the run, or {@code null}. */
    public Failure failure() {
        return failure;
    }

    /** Stopped early, or an error in some host pool (a listing ARM refused, a warning that could not be sent). */
    public boolean failed() {
        return failure != null || errors() > 0;
    }

    /** Sessions listed, each host pool counted once however many rules read it. */
    public int listed() {
        Map<String, Integer> byPool = new HashMap<>();
        for (HostPoolReport report : hostPools) {
            byPool.merge(report.hostPool().key(), report.listed(), Math::max);
        }
        return byPool.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int selected() {
        return sum(r -> r.selections().size());
    }

    public int warned() {
        return sum(HostPoolReport::warned);
    }

    public int enqueued() {
        return sum(HostPoolReport::enqueued);
    }

    public int errors() {
        return sum(HostPoolReport::errors);
    }

    /** The first error's message, or {@code null} when there is none. */
    String firstError() {
        return hostPools.stream().flatMap(r -> r.errorDetails().stream()).map(HostPoolReport.Problem::message)
                .findFirst().orElse(null);
    }

    private int sum(ToIntFunction<HostPoolReport> count) {
        return hostPools.stream().mapToInt(count).sum();
    }

    /** The summary as JSON, listing at most {@code maxSelections} selections in all (the rest are counted). */
    public JsonObject toJson(int maxSelections) {
        JsonObject json = new JsonObject();
        json.addProperty("runId", runId);
        json.addProperty("outcome", failed() ? "failed" : "completed");
        json.addProperty("dryRun", dryRun);
        json.addProperty("startedAt", startedAt.toString());
        if (finishedAt != null) {
            json.addProperty("finishedAt", finishedAt.toString());
            json.addProperty("durationMs", durationMs);
        }
        json.addProperty("rules", rules);
        JsonObject totals = new JsonObject();
        totals.addProperty("listed", listed());
        totals.addProperty("selected", selected());
        totals.addProperty("warned", warned());
        totals.addProperty("enqueued", enqueued());
        totals.addProperty("errors", errors());
        json.add("totals", totals);
        if (failure != null) {
            JsonObject f = new JsonObject();
            f.addProperty("code", failure.code());
            f.addProperty("message", failure.message());
            if (failure.field() != null) {
                f.addProperty("field", failure.field());
            }
            json.add("failure", f);
        }
        JsonArray pools = new JsonArray();
        int budget = maxSelections;
        for (HostPoolReport report : hostPools) {
            pools.add(report(report, budget));
            budget = Math.max(0, budget - report.selections().size());
        }
        json.add("hostPools", pools);
        return json;
    }

    private static JsonObject report(HostPoolReport report, int maxSelections) {
        JsonObject json = new JsonObject();
        json.addProperty("rule", report.rule());
        json.addProperty("hostPool", report.hostPool().resourceId());
        if (report.warning() != null) {
            json.addProperty("warnMinutes", report.warning().delay().toMinutes());
        }
        if (report.filter() != null) {
            json.addProperty("filter", report.filter());
        }
        json.addProperty("listed", report.listed());
        json.addProperty("selected", report.selections().size());
        JsonObject skipped = new JsonObject();
        report.skipped().forEach((reason, count) -> skipped.addProperty(reason.value(), count));
        json.add("skipped", skipped);
        json.addProperty("warned", report.warned());
        json.addProperty("enqueued", report.enqueued());
        json.addProperty("errors", report.errors());
        if (!report.errorDetails().isEmpty()) {
            JsonArray details = new JsonArray();
            for (HostPoolReport.Problem problem : report.errorDetails()) {
                JsonObject p = new JsonObject();
                p.addProperty("code", problem.code());
                p.addProperty("message", problem.message());
                if (problem.userSession() != null) {
                    p.addProperty("userSession", problem.userSession().resourceId());
                }
                details.add(p);
            }
            json.add("errorDetails", details);
        }
        JsonArray selections = new JsonArray();
        List<HostPoolReport.Selection> all = report.selections();
        for (HostPoolReport.Selection s : all.subList(0, Math.min(all.size(), maxSelections))) {
            JsonObject item = new JsonObject();
            item.addProperty("userSession", s.userSession().resourceId());
            item.addProperty("userPrincipalName", s.userPrincipalName());
            item.addProperty("sessionState", s.sessionState());
            if (s.createTime() != null) {
                item.addProperty("createTime", s.createTime().toString());
            }
            item.addProperty("requestId", s.requestId());
            if (s.scheduledAt() != null) {
                item.addProperty("scheduledAt", s.scheduledAt().toString());
            }
            selections.add(item);
        }
        json.add("selections", selections);
        if (all.size() > maxSelections) {
            json.addProperty("selectionsOmitted", all.size() - maxSelections);
        }
        return json;
    }

    /** One log line: ids and counts, no user names. */
    public String logLine() {
        return "cleanup runId=" + runId + " outcome=" + (failed() ? "failed" : "completed") + " dryRun=" + dryRun
                + " rules=" + rules + " listed=" + listed() + " selected=" + selected() + " warned=" + warned()
                + " enqueued=" + enqueued() + " errors=" + errors()
                + (failure == null ? "" : " failure=" + failure.code());
    }
}
