package com.contoso.avd.arm;

import java.util.ArrayList;
import java.util.List;

/**
 * The ARM scopes the app may act in (setting {@code AVD_ALLOWED_SCOPES}): subscriptions, resource groups or host
 * pools, or {@code *} for anything the identity's role assignments reach. Matching is segment-wise and
 * case-insensitive, so {@code .../resourceGroups/rg} never admits {@code rg2}. Empty means nothing is allowed.
 */
public final class AllowedScopes {
    private static final String[] SUBSCRIPTION = {"subscriptions", null};
    private static final String[] RESOURCE_GROUP = {"subscriptions", null, "resourceGroups", null};

    private final boolean any;
    private final List<String> keys;
    private final String display;

    private AllowedScopes(boolean any, List<String> keys, String display) {
        this.any = any;
        this.keys = List.copyOf(keys);
        this.display = display;
    }

    public static AllowedScopes any() {
        return new AllowedScopes(true, List.of(), "*");
    }

    /** Parses a comma- or semicolon-separated list; throws naming the first entry that is not a valid scope. */
    public static AllowedScopes parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return new AllowedScopes(false, List.of(), "");
        }
        List<String> keys = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String raw : setting.split("[,;]")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return any();
            }
            keys.add(ResourceIds.lower(canonical(entry)));
            shown.add(entry);
        }
        return new AllowedScopes(false, keys, String.join(",", shown));
    }

    private static String canonical(String entry) {
        String[] segments = entry.split("/", -1);
        try {
            switch (segments.length - 1) {
                case 2 -> {
                    List<String> n = ResourceIds.match(entry, "subscription", SUBSCRIPTION);
                    return "/subscriptions/" + ArmName.SUBSCRIPTION_ID.require(n.get(0));
                }
                case 4 -> {
                    List<String> n = ResourceIds.match(entry, "resource group", RESOURCE_GROUP);
                    return "/subscriptions/" + ArmName.SUBSCRIPTION_ID.require(n.get(0))
                            + "/resourceGroups/" + ArmName.RESOURCE_GROUP_NAME.require(n.get(1));
                }
                default -> {
                    return HostPoolId.parse(entry).resourceId();
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AVD_ALLOWED_SCOPES entry '" + entry + "' is not a subscription, "
                    + "resource group or host pool id: " + e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        return !any && keys.isEmpty();
    }

    public boolean allows(HostPoolId hostPool) {
        if (any) {
            return true;
        }
        String key = hostPool.key();
        for (String scope : keys) {
            if (key.equals(scope) || key.startsWith(scope + "/")) {
                return true;
            }
        }
        return false;
    }

    public boolean allows(UserSessionId session) {
        return allows(session.hostPool());
    }

    @Override
    public String toString() {
        return display;
    }
}
