package com.contoso.avd.cleanup;

/** A cleanup policy that cannot be used; {@link #field()} says where, such as {@code rules[0].hostPools[1]}. */
public final class InvalidPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidPolicyException(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
