package com.contoso.avd.request;

/** A request that cannot be carried out as given. {@link #field()} names the offending field. */
public final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String requestId;

    public InvalidRequestException(String field, String problem, String requestId) {
        super(field + ": " + problem);
        this.field = field;
        this.requestId = requestId;
    }

    /** The JSON field at fault, such as {@code hostPoolName} or {@code inputObject.id}; {@code body} for the whole. */
    public String field() {
        return field;
    }

    /** The request id the caller gave, or the one generated for it. */
    public String requestId() {
        return requestId;
    }
}
