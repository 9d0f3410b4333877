package com.contoso.avd.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Function package leaves out libraries the app never uses (desktop token caches, JNA): the managed identity
 * credential must still get a token, and DefaultAzureCredential still build, on exactly the deployed class path.
 * The identity endpoint is App Service's (IDENTITY_ENDPOINT, IDENTITY_HEADER, as on Flex Consumption), on loopback.
 */
class FunctionPackageCredentialIT {
    private static final Path STAGING = Path.of(System.getProperty("functions.staging",
            "target/azure-functions/avd-session-disconnect"));
    private static final String HEADER = "probe-identity-header";

    @Test
    void managedIdentityGetsATokenOnTheDeployedClassPath() throws Exception {
        HttpServer identity = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        identity.createContext("/msi/token", exchange -> {
            boolean ok = HEADER.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"));
            byte[] body = (ok ? "{\"access_token\": \"probe-token\", \"expires_on\": \""
                    + (Instant.now().getEpochSecond() + 3600) + "\", \"token_type\": \"Bearer\"}"
                    : "{\"error\": \"no header\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        identity.start();
        try {
            String classPath = STAGING + "/*:" + STAGING + "/lib/*:" + Path.of(CredentialProbe.class
                    .getProtectionDomain().getCodeSource().getLocation().toURI());
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", classPath, CredentialProbe.class.getName()).redirectErrorStream(true);
            builder.environment().put("IDENTITY_ENDPOINT", "http://127.0.0.1:" + identity.getAddress().getPort()
                    + "/msi/token");
            builder.environment().put("IDENTITY_HEADER", HEADER);
            builder.environment().remove("AZURE_CLIENT_ID");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), output);
            List<String> lines = output.lines().filter(l -> l.matches("(managed|token|fallback)=.*")).toList();
            assertEquals(List.of("managed=ManagedIdentityCredential", "token=probe-token",
                    "fallback=DefaultAzureCredential"), lines, output);
        } finally {
            identity.stop(0);
        }
    }
}
