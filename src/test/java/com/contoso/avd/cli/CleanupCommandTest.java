package com.contoso.avd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.support.EmulatorExtension;
import com.contoso.avd.support.TestApp;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cleanup --dry-run} against the HTTPS emulator: the selection as JSON, and nothing but reads. */
@ExtendWith(EmulatorExtension.class)
class CleanupCommandTest {
    private static final String POOL = "/subscriptions/" + TestApp.SUBSCRIPTION + "/resourceGroups/"
            + TestApp.RESOURCE_GROUP + "/providers/Microsoft.DesktopVirtualization/hostPools/" + TestApp.HOST_POOL;
    private AvdEmulator emulator;
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp(AvdEmulator emulator) {
        this.emulator = emulator;
    }

    private int cleanup(String... args) throws IOException {
        Path pem = Files.writeString(dir.resolve("emulator.pem"), emulator.certificatePem());
        List<String> all = new java.util.ArrayList<>(List.of("--arm-endpoint", emulator.endpoint().toString(),
                "--trust-cert", pem.toString(), "--allowed-scopes", "/subscriptions/" + TestApp.SUBSCRIPTION));
        all.addAll(List.of(args));
        return new CommandLine(new CleanupCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
    }

    @Test
    void printsTheWouldBeSelectionFromAPolicyFile() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.json"),
                "[{\"name\": \"end-of-day\", \"hostPools\": [\"" + POOL + "\"]}]");
        assertEquals(0, cleanup("--dry-run", "--policy=@" + policy));
        JsonObject summary = JsonParser.parseString(out.toString()).getAsJsonObject();
        assertTrue(summary.get("dryRun").getAsBoolean());
        assertEquals("completed", summary.get("outcome").getAsString());
        JsonArray selections = summary.getAsJsonArray("hostPools").get(0).getAsJsonObject()
                .getAsJsonArray("selections");
        Set<String> users = new HashSet<>();
        for (JsonElement selection : selections) {
            users.add(selection.getAsJsonObject().get("userPrincipalName").getAsString());
        }
        assertEquals(Set.of("alice@contoso.com", "carol@contoso.com"), users, "the Active sessions");
        assertTrue(emulator.requests().stream().allMatch(r -> r.method().equals("GET")), "reads only");
    }

    @Test
    void withoutDryRunItRefusesAndCallsNothing() throws IOException {
        assertEquals(2, cleanup("--policy", "[]"));
        assertTrue(err.toString().contains("add --dry-run"), err.toString());
        assertEquals(List.of(), emulator.requests());
    }

    @Test
    void anInvalidPolicyExitsTwoNamingTheField() throws IOException {
        assertEquals(2, cleanup("--dry-run", "--policy", "{\"rules\": [{\"name\": \"r\", \"hostPools\": [\"" + POOL
                + "\"], \"maxPerRun\": -1}]}"));
        assertTrue(err.toString().contains("rules[0].maxPerRun: must be a whole number"), err.toString());
        JsonObject failure = JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonObject("failure");
        assertEquals("rules[0].maxPerRun", failure.get("field").getAsString());
        assertEquals(List.of(), emulator.requests());
    }

    @Test
    void aHostPoolArmWillNotListExitsFive() throws IOException {
        assertEquals(5, cleanup("--dry-run", "--policy", "[{\"name\": \"r\", \"hostPools\": [\"" + POOL
                + "-missing\"]}]"));
        assertTrue(err.toString().contains("ResourceNotFound"), err.toString());
    }
}
