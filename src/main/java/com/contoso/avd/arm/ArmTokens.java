package com.contoso.avd.arm;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Bearer tokens for one ARM endpoint, cached until five minutes before they expire and fetched by one caller at a
 * time. Tokens never leave this class except into an {@code Authorization} header.
 */
public final class ArmTokens {
    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final TokenCredential credential;
    private final TokenRequestContext context;
    private final Duration timeout;
    private AccessToken cached;

    public ArmTokens(TokenCredential credential, String scope, Duration timeout) {
        this.credential = credential;
        this.context = new TokenRequestContext().addScopes(scope);
        this.timeout = timeout;
    }

    /** The token scope for an ARM endpoint: {@code {endpoint}/.default}. */
    public static String scopeFor(java.net.URI endpoint) {
        String base = endpoint.toString();
        return (base.endsWith("/") ? base : base + "/") + ".default";
    }

    synchronized String token() {
        if (cached == null || cached.getExpiresAt().minus(REFRESH_MARGIN).isBefore(OffsetDateTime.now())) {
            AccessToken fresh = credential.getToken(context).block(timeout);
            if (fresh == null) {
                throw new IllegalStateException("the credential returned no token");
            }
            cached = fresh;
        }
        return cached.getToken();
    }

    /** Drops the cached token, after ARM refused it. */
    synchronized void invalidate() {
        cached = null;
    }
}
