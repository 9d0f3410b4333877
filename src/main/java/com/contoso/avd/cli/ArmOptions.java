package com.contoso.avd.cli;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.emulator.SelfSignedTls;
import com.contoso.avd.local.DevelopmentCredential;
import java.net.URI;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/**
 * Where ARM is and how to reach it: the endpoint, TLS trust, and the credential. A loopback endpoint (the emulator)
 * gets the fixed development token; any other gets DefaultAzureCredential ({@code az login} works).
 */
final class ArmOptions {
    @Option(names = "--arm-endpoint", paramLabel = "URL",
            description = "ARM endpoint (default: ARM_ENDPOINT or https://management.azure.com).")
    String armEndpoint;

    @Option(names = "--trust-cert", paramLabel = "PEM",
            description = "Trust the certificate(s) in this PEM file for ARM (for the local emulator). "
                    + "Default: the JVM's trust store (-Djavax.net.ssl.trustStore=...).")
    Path trustCert;

    @Option(names = "--allowed-scopes", paramLabel = "SCOPES",
            description = "Comma-separated scopes the command may act in (default: AVD_ALLOWED_SCOPES, or * "
                    + "since the CLI acts with your own identity).")
    String allowedScopes;

    /** The app settings for this invocation: the environment, overridden by the options. */
    AppSettings settings() {
        Map<String, String> values = new HashMap<>(System.getenv());
        values.put(AppSettings.ARM_ENDPOINT, endpoint().toString());
        String scopes = allowedScopes != null ? allowedScopes : values.getOrDefault(AppSettings.ALLOWED_SCOPES, "*");
        values.put(AppSettings.ALLOWED_SCOPES, scopes);
        return new AppSettings(values);
    }

    URI endpoint() {
        String value = armEndpoint != null ? armEndpoint
                : System.getenv().getOrDefault(AppSettings.ARM_ENDPOINT, AppSettings.DEFAULT_ARM_ENDPOINT);
        return URI.create(value);
    }

    TokenCredential credential() {
        URI endpoint = endpoint();
        return DevelopmentCredential.isLoopback(endpoint) ? DevelopmentCredential.forEndpoint(endpoint)
                : new DefaultAzureCredentialBuilder().build();
    }

    SSLContext tls() {
        if (trustCert != null) {
            return SelfSignedTls.trustingPem(trustCert);
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
