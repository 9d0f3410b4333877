package com.contoso.avd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.emulator.Fault;
import com.contoso.avd.support.EmulatorExtension;
import com.contoso.avd.support.TestApp;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code avd-sessions disconnect} against the HTTPS emulator: output and exit code for every outcome. */
@ExtendWith(EmulatorExtension.class)
class AvdSessionsCliTest {
    private AvdEmulator emulator;
    private Path pem;

    @BeforeEach
    void setUp(AvdEmulator emulator, @TempDir Path dir) throws IOException {
        this.emulator = emulator;
        pem = dir.resolve("emulator.pem");
        Files.writeString(pem, emulator.certificatePem());
    }

    private record Run(int exit, String out, String err) {
        JsonObject event() {
            return JsonParser.parseString(out).getAsJsonObject();
        }
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = AvdSessions.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString().strip(), err.toString().strip());
    }

    private Run disconnect(String... selectors) {
        List<String> args = new ArrayList<>(List.of("disconnect", "--arm-endpoint", emulator.endpoint().toString(),
                "--trust-cert", pem.toString()));
        args.addAll(List.of(selectors));
        return cli(args.toArray(String[]::new));
    }

    private static String[] byName(String id) {
        return new String[] {"--subscription-id", TestApp.SUBSCRIPTION, "--resource-group", TestApp.RESOURCE_GROUP, "--host-pool", TestApp.HOST_POOL,
            "--session-host", TestApp.SESSION_HOST, "--id", id};
    }

    @Test
    void disconnectedPrintsTheResultEventAndExits0() {
        Run run = disconnect(byName("1"));
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals("avd.usersession.disconnect.succeeded", run.event().get("type").getAsString());
        assertEquals("cli", run.event().getAsJsonObject("data").get("trigger").getAsString());
        assertEquals("Disconnected", emulator.session(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, TestApp.HOST_POOL,
                TestApp.SESSION_HOST, "1").state());
    }

    @Test
    void passThruPrintsOnlyTrueOrFalse() {
        assertEquals("true", disconnect(append(byName("1"), "--pass-thru")).out());
        Run missing = disconnect(append(byName("55"), "--pass-thru"));
        assertEquals("false", missing.out());
        assertEquals(ExitCodes.NOT_FOUND, missing.exit());
    }

    @Test
    void whatIfExits0AndChangesNothing() {
        Run run = disconnect("--input-object", TestApp.sessionId("3"), "--what-if");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals("whatif", run.event().getAsJsonObject("data").get("outcome").getAsString());
        assertEquals("Active", emulator.session(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, TestApp.HOST_POOL,
                TestApp.SESSION_HOST, "3").state());
    }

    @Test
    void identityJsonWorksToo() {
        Run run = disconnect("--input-object", "{\"Id\":\"" + TestApp.sessionId("3") + "\"}");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
    }

    @Test
    void notFoundExits3() {
        Run run = disconnect(byName("404"));
        assertEquals(ExitCodes.NOT_FOUND, run.exit());
        assertTrue(run.err().contains("User session ID not found"), run.err());
    }

    @Test
    void invalidInputExits2NamingTheFieldWithoutCallingArm() {
        Run run = disconnect("--subscription-id", TestApp.SUBSCRIPTION, "--resource-group", "rg/..", "--host-pool", "hp1", "--session-host", "sh1", "--id", "1");
        assertEquals(ExitCodes.INVALID, run.exit());
        assertTrue(run.err().contains("resourceGroupName"), run.err());
        assertEquals(ExitCodes.INVALID, disconnect("--host-pool", "hp1", "--input-object", TestApp.sessionId("1")).exit());
        assertTrue(emulator.requests().isEmpty());
        assertEquals(2, cli("disconnect", "--no-such-option").exit(), "picocli usage errors are invalid input too");
    }

    @Test
    void forbiddenAndOutsideScopeExit4() {
        emulator.forbid(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, TestApp.HOST_POOL);
        Run forbidden = disconnect(byName("1"));
        assertEquals(ExitCodes.FORBIDDEN, forbidden.exit());
        assertTrue(forbidden.err().contains("Desktop Virtualization User Session Operator"), forbidden.err());
        Run outside = disconnect(append(byName("1"), "--allowed-scopes",
                "/subscriptions/" + TestApp.SUBSCRIPTION + "/resourceGroups/rg-other"));
        assertEquals(ExitCodes.FORBIDDEN, outside.exit());
        assertEquals("OutsideAllowedScope", outside.event().getAsJsonObject("data").getAsJsonObject("error")
                .get("code").getAsString());
    }

    @Test
    void failedPastRetriesExits5() {
        emulator.inject(Fault.status(500, Map.of(), 20));
        Run run = disconnect(byName("1"));
        assertEquals(ExitCodes.FAILED, run.exit());
        assertEquals("failed", run.event().getAsJsonObject("data").get("outcome").getAsString());
    }

    @Test
    void untrustedEmulatorCertificateFailsWithoutSendingTheToken() {
        Run run = cli("disconnect", "--arm-endpoint", emulator.endpoint().toString(), "--subscription-id",
                TestApp.SUBSCRIPTION, "--resource-group", TestApp.RESOURCE_GROUP, "--host-pool", TestApp.HOST_POOL,
                "--session-host", TestApp.SESSION_HOST, "--id", "1");
        assertEquals(ExitCodes.FAILED, run.exit());
        assertTrue(emulator.requests().isEmpty());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"disconnect", "enqueue", "local"}) {
            Run run = cli(command, "--help");
            assertEquals(0, run.exit());
            assertTrue(run.out().startsWith("Usage: avd-sessions " + command), run.out());
        }
        assertTrue(cli("--help").out().contains("disconnect"));
    }

    private static String[] append(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
