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

    /** What never runs in Azure stays out, and the package stays within its budget (README, "Performance"). */
    @Test
    void noDesktopTokenCacheLibrariesAndWithinTheSizeBudget() throws IOException {
        List<String> names = jars().stream().map(j -> j.getFileName().toString()).toList();
        assertEquals(List.of(), names.stream().filter(n -> n.startsWith("jna") || n.startsWith("msal4j-persistence")
                || n.startsWith("azure-core-http-netty") || n.startsWith("netty")).toList());
        long bytes = 0;
        try (Stream<Path> files = Files.walk(STAGING)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(f);
            }
        }
        assertTrue(bytes <= 15_000_000, "the Function package is " + bytes + " bytes; the budget is 15 MB");
    }
}
