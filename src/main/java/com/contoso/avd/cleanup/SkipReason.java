package com.contoso.avd.cleanup;

/** Why a rule left a listed session alone; {@link #value()} is its name in the run summary. */
public enum SkipReason {
    SELECTED_BY_EARLIER_RULE("selectedByEarlierRule"),
    SESSION_STATE("sessionState"),
    APPLICATION_TYPE("applicationType"),
    AGE_UNKNOWN("ageUnknown"),
    TOO_RECENT("tooRecent"),
    HOST_NOT_DRAINED("hostNotDrained"),
    EXCLUDED_USER("excludedUser"),
    NOT_INCLUDED("notIncluded"),
    MAX_PER_RUN("maxPerRun"),
    /** The session ended before it could be warned (sendMessage answered 404). */
    GONE("gone"),
    /** ARM listed an item whose id is not a valid user-session id. */
    UNREADABLE("unreadable");

    private final String value;

    SkipReason(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
