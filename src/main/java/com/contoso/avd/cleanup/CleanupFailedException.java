package com.contoso.avd.cleanup;

/** A cleanup run that did not complete; thrown after its summary was published (or could not be). */
public final class CleanupFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient CleanupSummary summary;

    CleanupFailedException(CleanupSummary summary, String message, Throwable cause) {
        super(message, cause);
        this.summary = summary;
    }

    public CleanupSummary summary() {
        return summary;
    }
}
