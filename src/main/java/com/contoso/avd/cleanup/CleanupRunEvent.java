package com.contoso.avd.cleanup;

import com.contoso.avd.events.CloudEvent;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run summary as a CloudEvent on the results topic. It carries no {@code outcome} property, so subscriptions that
 * filter result events on {@code outcome} do not receive it; filter on {@code type} instead.
 */
public final class CleanupRunEvent {
    public static final String COMPLETED = "avd.cleanup.run.completed";
    public static final String FAILED = "avd.cleanup.run.failed";
    /** Keeps the event far below Service Bus's 256 KB (Standard tier) message limit; the counts stay exact. */
    public static final int MAX_SELECTIONS_LISTED = 200;

    private CleanupRunEvent() {
    }

    public static JsonObject of(CleanupSummary summary, String source) {
        return CloudEvent.of(summary.runId(), source, type(summary), null, summary.finishedAt(),
                summary.toJson(MAX_SELECTIONS_LISTED));
    }

    /** Message properties for subscription filters. */
    public static Map<String, Object> properties(CleanupSummary summary) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("type", type(summary));
        properties.put("runId", summary.runId());
        properties.put("dryRun", summary.dryRun());
        properties.put("enqueued", summary.enqueued());
        properties.put("errors", summary.errors());
        return properties;
    }

    private static String type(CleanupSummary summary) {
        return summary.failed() ? FAILED : COMPLETED;
    }
}
