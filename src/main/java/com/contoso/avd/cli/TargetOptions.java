package com.contoso.avd.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import picocli.CommandLine.Option;

/** The cmdlet's selectors, shared by {@code disconnect} and {@code enqueue}, turned into a request body. */
final class TargetOptions {
    @Option(names = "--subscription-id", paramLabel = "GUID",
            description = "Subscription of the host pool (default: AVD_DEFAULT_SUBSCRIPTION_ID).")
    String subscriptionId;

    @Option(names = {"--resource-group", "--resource-group-name"}, paramLabel = "NAME",
            description = "Resource group of the host pool (case-insensitive).")
    String resourceGroup;

    @Option(names = {"--host-pool", "--host-pool-name"}, paramLabel = "NAME", description = "Host pool name.")
    String hostPool;

    @Option(names = {"--session-host", "--session-host-name"}, paramLabel = "NAME", description = "Session host name.")
    String sessionHost;

    @Option(names = {"--id", "--user-session-id"}, paramLabel = "ID", description = "User session id, such as 6.")
    String id;

    @Option(names = "--input-object", paramLabel = "ID|JSON",
            description = "A user-session resource id (as Get-AzWvdUserSession returns it), or identity JSON.")
    String inputObject;

    @Option(names = "--what-if", description = "Say what would be disconnected; change nothing.")
    boolean whatIf;

    @Option(names = "--request-id", paramLabel = "ID", description = "Request id (default: generated).")
    String requestId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail.")
    String reason;

    boolean isEmpty() {
        return subscriptionId == null && resourceGroup == null && hostPool == null && sessionHost == null
                && id == null && inputObject == null;
    }

    /** The request JSON these options describe; {@code RequestParser} validates it like any other. */
    JsonObject toRequest(boolean passThru) {
        JsonObject request = new JsonObject();
        if (inputObject != null) {
            String trimmed = inputObject.strip();
            JsonElement value = trimmed.startsWith("{") ? parse(trimmed) : JsonParser.parseString(quote(trimmed));
            request.add("inputObject", value);
        }
        add(request, "subscriptionId", subscriptionId);
        add(request, "resourceGroupName", resourceGroup);
        add(request, "hostPoolName", hostPool);
        add(request, "sessionHostName", sessionHost);
        add(request, "userSessionId", id);
        add(request, "requestId", requestId);
        add(request, "reason", reason);
        if (whatIf) {
            request.addProperty("whatIf", true);
        }
        if (passThru) {
            request.addProperty("passThru", true);
        }
        return request;
    }

    private static JsonElement parse(String json) {
        try {
            return JsonParser.parseString(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--input-object is not valid JSON: " + e.getMessage());
        }
    }

    private static String quote(String s) {
        JsonObject holder = new JsonObject();
        holder.addProperty("v", s);
        return holder.get("v").toString();
    }

    private static void add(JsonObject request, String key, String value) {
        if (value != null) {
            request.addProperty(key, value);
        }
    }
}
