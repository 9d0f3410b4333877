package com.contoso.avd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** {@code target/avd-sessions.jar} is what README's commands run: it starts, and it carries the tools. */
class CliJarIT {
    private static final Path CLI = Path.of(System.getProperty("cli.jar", "target/avd-sessions.jar"));

    @Test
    void theJarCarriesTheToolsAndTheFunctions() throws IOException {
        try (JarFile jar = new JarFile(CLI.toFile())) {
            assertEquals("com.contoso.avd.cli.AvdSessions", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertNotNull(jar.getEntry("com/contoso/avd/emulator/AvdEmulator.class"));
            assertNotNull(jar.getEntry("com/contoso/avd/functions/DisconnectHttpFunction.class"));
            assertNotNull(jar.getEntry("picocli/CommandLine.class"));
            assertNotNull(jar.getEntry("org/bouncycastle/cert/X509v3CertificateBuilder.class"));
        }
    }

    @Test
    void javaDashJarRuns() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CLI.toString(), "--help").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("disconnect") && output.contains("enqueue") && output.contains("local"), output);
    }
}
