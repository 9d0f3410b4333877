package com.contoso.avd.local;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.contoso.avd.emulator.AvdEmulator;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * The fixed token the AVD emulator accepts. It is only ever handed out for a loopback ARM endpoint
 * (127.0.0.0/8, ::1, localhost): asking for it for any other endpoint fails.
 */
public final class DevelopmentCredential implements TokenCredential {
    private DevelopmentCredential() {
    }

    /** The development credential for {@code armEndpoint}; refused unless the endpoint is a loopback address. */
    public static DevelopmentCredential forEndpoint(URI armEndpoint) {
        if (!isLoopback(armEndpoint)) {
            throw new IllegalArgumentException("a development token is only used with a loopback ARM endpoint "
                    + "(127.0.0.0/8, ::1, localhost), not " + armEndpoint);
        }
        return new DevelopmentCredential();
    }

    public static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        // Only IP literals: a name other than localhost is never resolved, so DNS cannot make it "loopback".
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.just(new AccessToken(AvdEmulator.TOKEN, OffsetDateTime.now().plusHours(1)));
    }
}
