package com.contoso.avd.cleanup;

import com.contoso.avd.arm.ArmClient;
import com.contoso.avd.arm.ArmResponse;
import com.contoso.avd.arm.HostPoolId;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a host pool's user sessions and drained session hosts from ARM, following every {@code nextLink}. */
final class HostPoolReader {
    private final ArmClient arm;

    HostPoolReader(ArmClient arm) {
        this.arm = arm;
    }

    /**
     * What a listing gave.
     *
     * @param unreadable items whose id is not a valid user-session id
     * @param filter     the {@code $filter} ARM applied, or {@code null}
     */
    record Listing(List<ListedSession> sessions, int unreadable, String filter) {
    }

    /**
     * Every user session of {@code pool}. With {@code onlyState}, ARM is asked to filter by it; callers filter again,
     * and when ARM refuses the filter (its field name is not settled in the spec) the pool is listed unfiltered.
     *
     * @throws ArmReadException when ARM does not give the whole list
     */
    Listing sessions(HostPoolId pool, String onlyState, String clientRequestId) {
        String path = pool.path() + "/userSessions";
        String what = "listing the user sessions of " + pool;
        List<JsonObject> items = null;
        String filter = onlyState == null ? null : "sessionState eq '" + onlyState + "'";
        if (filter != null) {
            try {
                items = all(path, "&$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"),
                        what, clientRequestId);
            } catch (ArmReadException e) {
                if (e.status() != 400) {
                    throw e;
                }
                filter = null;
            }
        }
        if (items == null) {
            items = all(path, null, what, clientRequestId);
        }
        List<ListedSession> sessions = new ArrayList<>(items.size());
        int unreadable = 0;
        for (JsonObject item : items) {
            try {
                sessions.add(ListedSession.fromArm(item));
            } catch (IllegalArgumentException e) {
                unreadable++;
            }
        }
        return new Listing(sessions, unreadable, filter);
    }

    /** Lower-case names of the session hosts of {@code pool} in drain mode ({@code allowNewSession == false}). */
    Set<String> drainedHosts(HostPoolId pool, String clientRequestId) {
        Set<String> drained = new HashSet<>();
        for (JsonObject host : all(pool.path() + "/sessionHosts", null, "listing the session hosts of " + pool,
                clientRequestId)) {
            JsonElement properties = host.get("properties");
            JsonElement allow = properties != null && properties.isJsonObject()
                    ? properties.getAsJsonObject().get("allowNewSession") : null;
            JsonElement name = host.get("name");
            if (allow != null && allow.isJsonPrimitive() && !allow.getAsBoolean() && name != null
                    && name.isJsonPrimitive()) {
                // ARM names a session host "{hostPool}/{sessionHost}".
                String full = name.getAsString();
                drained.add(full.substring(full.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
            }
        }
        return drained;
    }

    private List<JsonObject> all(String path, String query, String what, String clientRequestId) {
        List<JsonObject> items = new ArrayList<>();
        Set<String> followed = new HashSet<>();
        ArmResponse page = arm.get(path, query, clientRequestId);
        while (true) {
            if (!page.isSuccess()) {
                throw ArmReadException.of(what, page);
            }
            JsonObject body = page.json();
            JsonElement value = body.get("value");
            if (value == null || !value.isJsonArray()) {
                throw new ArmReadException(what + " failed: page " + (followed.size() + 1) + " has no 'value' array",
                        page.status(), "InvalidListResponse");
            }
            for (JsonElement item : (JsonArray) value) {
                if (item.isJsonObject()) {
                    items.add(item.getAsJsonObject());
                }
            }
            JsonElement next = body.get("nextLink");
            if (next == null || !next.isJsonPrimitive() || next.getAsString().isEmpty()) {
                return items;
            }
            if (!followed.add(next.getAsString())) {
                throw new ArmReadException(what + " failed: ARM repeated a nextLink", page.status(),
                        "InvalidListResponse");
            }
            try {
                page = arm.getNextLink(next.getAsString(), clientRequestId);
            } catch (IllegalArgumentException e) {
                throw new ArmReadException(what + " failed: the nextLink is not a URL", page.status(),
                        "InvalidListResponse");
            }
        }
    }
}
