package com.contoso.avd.arm;

import java.util.List;

/** A host pool: {@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.DesktopVirtualization/hostPools/{hp}}. */
public record HostPoolId(String subscriptionId, String resourceGroupName, String hostPoolName) {
    private static final String[] TEMPLATE = {
        "subscriptions", null, "resourceGroups", null, "providers", ResourceIds.PROVIDER, "hostPools", null};

    public HostPoolId {
        ArmName.SUBSCRIPTION_ID.require(subscriptionId);
        ArmName.RESOURCE_GROUP_NAME.require(resourceGroupName);
        ArmName.HOST_POOL_NAME.require(hostPoolName);
    }

    /** Parses a host pool resource id; keywords are case-insensitive. */
    public static HostPoolId parse(String resourceId) {
        List<String> names = ResourceIds.match(resourceId, "host pool", TEMPLATE);
        return new HostPoolId(names.get(0), names.get(1), names.get(2));
    }

    public String resourceId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroupName
                + "/providers/" + ResourceIds.PROVIDER + "/hostPools/" + hostPoolName;
    }

    /** The resource id as an encoded URL path. */
    public String path() {
        return "/subscriptions/" + ResourceIds.encode(subscriptionId)
                + "/resourceGroups/" + ResourceIds.encode(resourceGroupName)
                + "/providers/" + ResourceIds.PROVIDER
                + "/hostPools/" + ResourceIds.encode(hostPoolName);
    }

    /** The resource id in lower case: ARM names are case-insensitive, so this is the identity to compare. */
    public String key() {
        return ResourceIds.lower(resourceId());
    }

    public UserSessionId userSession(String sessionHostName, String userSessionId) {
        return new UserSessionId(this, sessionHostName, userSessionId);
    }

    @Override
    public String toString() {
        return resourceId();
    }
}
