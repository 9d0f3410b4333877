package com.contoso.avd.arm;

import java.util.List;

/**
 * A user session:
 * {@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.DesktopVirtualization/hostPools/{hp}/sessionHosts/{sh}/userSessions/{id}}.
 * Every part is validated on construction, so an instance can always be turned into a safe ARM path.
 */
public record UserSessionId(HostPoolId hostPool, String sessionHostName, String userSessionId) {
    private static final String[] TEMPLATE = {
        "subscriptions", null, "resourceGroups", null, "providers", ResourceIds.PROVIDER, "hostPools", null,
        "sessionHosts", null, "userSessions", null};

    public UserSessionId {
        if (hostPool == null) {
            throw new IllegalArgumentException("hostPool is required");
        }
        ArmName.SESSION_HOST_NAME.require(sessionHostName);
        ArmName.USER_SESSION_ID.require(userSessionId);
    }

    public static UserSessionId of(String subscriptionId, String resourceGroupName, String hostPoolName,
                                   String sessionHostName, String userSessionId) {
        return new UserSessionId(new HostPoolId(subscriptionId, resourceGroupName, hostPoolName),
                sessionHostName, userSessionId);
    }

    /**
     * Parses a user-session resource id as ARM or {@code Get-AzWvdUserSession} returns it: keywords in any case,
     * optionally followed by the {@code /disconnect} action.
     */
    public static UserSessionId parse(String resourceId) {
        List<String> names = ResourceIds.match(ResourceIds.stripSuffix(resourceId, "disconnect"), "user session",
                TEMPLATE);
        return of(names.get(0), names.get(1), names.get(2), names.get(3), names.get(4));
    }

    public String subscriptionId() {
        return hostPool.subscriptionId();
    }

    public String resourceGroupName() {
        return hostPool.resourceGroupName();
    }

    public String hostPoolName() {
        return hostPool.hostPoolName();
    }

    public String resourceId() {
        return hostPool.resourceId() + "/sessionHosts/" + sessionHostName + "/userSessions/" + userSessionId;
    }

    /** The resource id as an encoded URL path. */
    public String path() {
        return hostPool.path() + "/sessionHosts/" + ResourceIds.encode(sessionHostName)
                + "/userSessions/" + ResourceIds.encode(userSessionId);
    }

    /** The resource id in lower case: ARM names are case-insensitive, so this is the identity to compare. */
    public String key() {
        return ResourceIds.lower(resourceId());
    }

    @Override
    public String toString() {
        return resourceId();
    }
}
