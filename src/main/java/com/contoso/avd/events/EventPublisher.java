package com.contoso.avd.events;

import com.google.gson.JsonObject;
import java.util.Map;

/** Where events other than disconnect results go (the results topic in Azure), such as cleanup run summaries. */
public interface EventPublisher {
    /**
     * Publishes one CloudEvent; returns only once it is durably handed over.
     *
     * @param cloudEvent a structured CloudEvents document ({@link CloudEvent#of})
     * @param properties message properties subscribers can filter on
     * @throws RuntimeException when it could not be published
     */
    void publish(JsonObject cloudEvent, Map<String, Object> properties);
}
