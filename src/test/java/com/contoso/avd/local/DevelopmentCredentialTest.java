package com.contoso.avd.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevelopmentCredentialTest {
    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:8443", "https://127.9.8.7", "https://localhost:1", "https://[::1]:9"})
    void isHandedOutForLoopbackEndpoints(String endpoint) {
        assertDoesNotThrow(() -> DevelopmentCredential.forEndpoint(URI.create(endpoint)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://management.azure.com", "https://management.usgovcloudapi.net",
        "https://localhost.evil.example", "https://127.0.0.1.nip.io", "https://10.0.0.1", "https://[::2]",
        "https://0.0.0.0"})
    void isRefusedForAnyOtherEndpoint(String endpoint) {
        assertThrows(IllegalArgumentException.class, () -> DevelopmentCredential.forEndpoint(URI.create(endpoint)));
    }
}
