package com.contoso.avd.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What is deployed holds the functions and the core only: no CLI, local host, emulator or development credential,
 * and none of their libraries.
 */
class FunctionPackageIT {
    private static final Path STAGING = Path.of(System.getProperty("functions.staging",
            "target/azure-functions/avd-session-disconnect"));
    private static final List<String> TOOL_PACKAGES =
            List.of("com/contoso/avd/cli/", "com/contoso/avd/local/", "com/contoso/avd/emulator/");

    private static List<Path> jars() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.walk(STAGING)) {
            files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
        }
        return jars;
    }

    @Test
    void noToolClassesInTheFunctionPackage() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path jar : jars()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(e -> e.getName())
                        .filter(n -> TOOL_PACKAGES.stream().anyMatch(n::startsWith)
                                || n.contains("DevelopmentCredential") || n.startsWith("picocli/")
                                || n.startsWith("org/bouncycastle/"))
                        .forEach(n -> offenders.add(jar.getFileName() + "!" + n));
            }
        }
        assertEquals(List.of(), offenders);
        assertTrue(jars().stream().anyMatch(j -> j.getFileName().toString().startsWith("avd-session-disconnect")));
    }
}
