package com.contoso.avd.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {
    private static final String SUB = "6f2c1c43-8a3a-4f3f-9c55-0a1b2c3d4e5f";
    private static final String DEFAULT_SUB = "0b1d3c5e-7f90-4a2b-8c4d-6e8f0a2b4c6d";
    private static final String ID = "/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/"
            + "Microsoft.DesktopVirtualization/hostPools/hp1/sessionHosts/sh-0.contoso.local/userSessions/6";

    private final RequestParser parser = new RequestParser(DEFAULT_SUB, () -> "generated-id");
    private final RequestParser noDefault = new RequestParser(null, () -> "generated-id");

    private DisconnectRequest parse(String json) {
        return parser.parse(json, null);
    }

    private InvalidRequestException invalid(RequestParser p, String json) {
        return assertThrows(InvalidRequestException.class, () -> p.parse(json, null));
    }

    private InvalidRequestException invalid(String json) {
        return invalid(parser, json);
    }

    @Test
    void nameBasedWithEveryField() {
        DisconnectRequest r = parse("{\"subscriptionId\":\"" + SUB + "\",\"resourceGroupName\":\"rg-avd\","
                + "\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh-0.contoso.local\",\"userSessionId\":\"6\","
                + "\"whatIf\":true,\"passThru\":true,\"requestId\":\"req-1\",\"reason\":\"end of shift\"}");
        assertEquals(ID, r.target().resourceId());
        assertTrue(r.whatIf());
        assertTrue(r.passThru());
        assertEquals("req-1", r.requestId());
        assertEquals("end of shift", r.reason());
    }

    @Test
    void keysAreCaseInsensitiveAsPowerShellSendsThem() {
        DisconnectRequest r = parse("{\"SubscriptionId\":\"" + SUB + "\",\"ResourceGroupName\":\"rg-avd\","
                + "\"HostPoolName\":\"hp1\",\"SessionHostName\":\"sh-0.contoso.local\",\"Id\":6,\"WhatIf\":false}");
        assertEquals(ID, r.target().resourceId());
        assertFalse(r.whatIf());
    }

    @Test
    void subscriptionFallsBackToTheDefaultSetting() {
        DisconnectRequest r = parse("{\"resourceGroupName\":\"rg-avd\",\"hostPoolName\":\"hp1\","
                + "\"sessionHostName\":\"sh-0.contoso.local\",\"id\":\"6\"}");
        assertEquals(DEFAULT_SUB, r.target().subscriptionId());
        assertEquals("generated-id", r.requestId());
        InvalidRequestException e = invalid(noDefault, "{\"resourceGroupName\":\"rg-avd\",\"hostPoolName\":\"hp1\","
                + "\"sessionHostName\":\"sh-0.contoso.local\",\"id\":\"6\"}");
        assertEquals("subscriptionId", e.field());
        assertTrue(e.getMessage().contains("AVD_DEFAULT_SUBSCRIPTION_ID"));
    }

    @Test
    void queueMessageIdIsTheFallbackRequestId() {
        DisconnectRequest r = parser.parse("{\"inputObject\":\"" + ID + "\"}", "sb-message-1");
        assertEquals("sb-message-1", r.requestId());
    }

    @Test
    void identityWithAResourceIdStringOrObject() {
        assertEquals(ID, parse("{\"inputObject\":\"" + ID + "\"}").target().resourceId());
        assertEquals(ID, parse("{\"InputObject\":{\"Id\":\"" + ID + "/disconnect\"}}").target().resourceId());
    }

    @Test
    void identityIdWinsOverTheOtherFieldsAsInTheCmdlet() {
        DisconnectRequest r = parse("{\"inputObject\":{\"id\":\"" + ID + "\",\"hostPoolName\":\"other\"}}");
        assertEquals("hp1", r.target().hostPoolName());
    }

    @Test
    void identityFieldsAreCheckedInTheCmdletsOrder() {
        InvalidRequestException e = invalid("{\"inputObject\":{\"hostPoolName\":\"hp1\"}}");
        assertEquals("inputObject.subscriptionId", e.field());
        assertTrue(e.getMessage().contains("InputObject has null value for InputObject.SubscriptionId"));
        e = invalid("{\"inputObject\":{\"subscriptionId\":\"" + SUB + "\",\"hostPoolName\":\"hp1\"}}");
        assertEquals("inputObject.resourceGroupName", e.field());
        e = invalid("{\"inputObject\":{\"subscriptionId\":\"" + SUB + "\",\"resourceGroupName\":\"rg\","
                + "\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh1\"}}");
        assertEquals("inputObject.userSessionId", e.field());
        DisconnectRequest r = parse("{\"inputObject\":{\"subscriptionId\":\"" + SUB + "\",\"resourceGroupName\":"
                + "\"rg-avd\",\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh-0.contoso.local\",\"userSessionId\":6}}");
        assertEquals(ID, r.target().resourceId());
    }

    @Test
    void getAzWvdUserSessionOutputIsAcceptedStraight() {
        // What `Get-AzWvdUserSession ... | ConvertTo-Json` gives: ARM's lower-case id and a three-part name.
        String armId = ID.replace("resourceGroups", "resourcegroups").replace("hostPools", "hostpools")
                .replace("sessionHosts", "sessionhosts").replace("userSessions", "usersessions");
        String output = "{\"ActiveDirectoryUserName\":\"CONTOSO\\\\alice\",\"ApplicationType\":\"Desktop\","
                + "\"CreateTime\":\"2026-11-25T07:00:00Z\",\"Id\":\"" + armId + "\",\"Name\":\"hp1/sh-0.contoso.local/6\","
                + "\"ObjectId\":\"x\",\"SessionState\":\"Active\",\"SystemDataCreatedAt\":null,"
                + "\"Type\":\"Microsoft.DesktopVirtualization/hostpools/sessionhosts/usersessions\","
                + "\"UserPrincipalName\":\"alice@contoso.com\"}";
        assertEquals(ID.toLowerCase(), parse("{\"inputObject\":" + output + "}").target().key());
        // A full id where the session number goes also works (the id of Get-AzWvdUserSession piped by name).
        assertEquals(ID.toLowerCase(), parse("{\"id\":\"" + armId + "\"}").target().key());
        // Its Name plus the resource group (and subscription from the default or the request).
        DisconnectRequest byName = parse("{\"resourceGroupName\":\"rg-avd\",\"name\":\"hp1/sh-0.contoso.local/6\"}");
        assertEquals("/subscriptions/" + DEFAULT_SUB + ID.substring(ID.indexOf("/resourceGroups")),
                byName.target().resourceId());
        DisconnectRequest identityByName = parse("{\"inputObject\":{\"subscriptionId\":\"" + SUB + "\","
                + "\"resourceGroupName\":\"rg-avd\",\"name\":\"hp1/sh-0.contoso.local/6\"}}");
        assertEquals(ID, identityByName.target().resourceId());
    }

    @Test
    void theNameMustAgreeWithExplicitFields() {
        InvalidRequestException e = invalid("{\"resourceGroupName\":\"rg-avd\",\"hostPoolName\":\"hp2\","
                + "\"name\":\"hp1/sh-0.contoso.local/6\"}");
        assertEquals("hostPoolName", e.field());
    }

    @Test
    void bothParameterSetsAreRefused() {
        InvalidRequestException e = invalid("{\"hostPoolName\":\"hp1\",\"inputObject\":\"" + ID + "\"}");
        assertEquals("inputObject", e.field());
        assertTrue(e.getMessage().contains("hostPoolName"));
        e = invalid("{\"id\":\"" + ID + "\",\"hostPoolName\":\"hp1\"}");
        assertEquals("hostPoolName", e.field());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"hostpoolname\":\"hp1\",\"HostPoolName\":\"hp1\"}|HostPoolName",
        "{\"userSessionId\":\"1\",\"id\":\"1\",\"resourceGroupName\":\"rg\"}|id",
        "{\"bogus\":1}|bogus",
        "{\"inputObject\":{\"hostPoolName\":\"hp1\",\"bogus\":1}}|inputObject.bogus",
        "{\"inputObject\":42}|inputObject",
        "{\"whatIf\":\"true\",\"inputObject\":\"x\"}|whatIf",
        "{\"passThru\":1}|passThru",
        "{\"resourceGroupName\":7}|resourceGroupName",
        "{\"resourceGroupName\":\"rg\",\"hostPoolName\":[\"hp1\"]}|hostPoolName",
        "{\"resourceGroupName\":\"rg\",\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh1\",\"id\":1.5}|id",
        "{\"requestId\":\"has space\"}|requestId",
        "{\"requestId\":\"\"}|requestId",
        "{}|resourceGroupName",
        "{\"resourceGroupName\":\"rg\"}|hostPoolName",
        "{\"resourceGroupName\":\"rg\",\"hostPoolName\":\"hp1\"}|sessionHostName",
        "{\"resourceGroupName\":\"rg\",\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh1\"}|userSessionId",
        "{\"resourceGroupName\":\"rg/x\",\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh1\",\"id\":\"1\"}|resourceGroupName",
        "{\"resourceGroupName\":\"..\",\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh1\",\"id\":\"1\"}|resourceGroupName",
        "{\"resourceGroupName\":\"rg\",\"hostPoolName\":\"hp\",\"sessionHostName\":\"sh1\",\"id\":\"1\"}|hostPoolName",
        "{\"resourceGroupName\":\"rg\",\"hostPoolName\":\"hp1?x\",\"sessionHostName\":\"sh1\",\"id\":\"1\"}|hostPoolName",
        "{\"resourceGroupName\":\"rg\",\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh/1\",\"id\":\"1\"}|sessionHostName",
        "{\"resourceGroupName\":\"rg\",\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh1\",\"id\":\"..\"}|id",
        "{\"resourceGroupName\":\"rg\",\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh1\",\"id\":\"1%2F2\"}|id",
        "{\"resourceGroupName\":\"rg\",\"hostPoolName\":\"hp1\",\"sessionHostName\":\"sh1\",\"id\":\"1\",\"subscriptionId\":\"nope\"}|subscriptionId",
        "{\"inputObject\":\"/subscriptions/x/resourceGroups/rg\"}|inputObject",
        "{\"inputObject\":{\"id\":\"/subscriptions/x\"}}|inputObject.id",
        "{\"reason\":\"a\\nb\"}|reason",
        "{\"name\":\"a/b\",\"resourceGroupName\":\"rg\"}|name"})
    void invalidInputNamesTheField(String json, String field) {
        assertEquals(field, invalid(json).field(), () -> invalid(json).getMessage());
    }

    @Test
    void malformedAndOversizedBodiesAreRefusedAsAWhole() {
        assertEquals("body", invalid("").field());
        assertEquals("body", invalid("not json").field());
        assertEquals("body", invalid("{\"a\":1} trailing").field());
        assertEquals("body", invalid("{'single':'quotes'}").field());
        assertEquals("body", invalid("[{\"inputObject\":\"" + ID + "\"}]").field(), "arrays are for HTTP only");
        assertEquals("body", invalid("{\"reason\":\"" + "x".repeat(RequestParser.MAX_BODY_BYTES) + "\"}").field());
        InvalidRequestException deep = invalid("{\"inputObject\":" + "{\"properties\":".repeat(20) + "1"
                + "}".repeat(21));
        assertTrue(deep.getMessage().contains("nested"), deep.getMessage());
        assertEquals("reason", invalid("{\"reason\":\"" + "x".repeat(513) + "\"}").field());
    }

    @Test
    void errorsCarryTheCallersRequestId() {
        InvalidRequestException e = invalid("{\"requestId\":\"mine-1\",\"hostPoolName\":\"x\"}");
        assertEquals("mine-1", e.requestId());
    }

    @Test
    void batchesHoldUpToOneHundredRequestsEachJudgedAlone() {
        RequestParser.Batch batch = parser.parseBatch("[{\"inputObject\":\"" + ID + "\"},{\"bogus\":1},7]");
        assertTrue(batch.array());
        List<ParsedRequest> items = batch.items();
        assertEquals(3, items.size());
        assertTrue(items.get(0).isValid());
        assertEquals("bogus", items.get(1).error().field());
        assertEquals("[2]", items.get(2).error().field());
        String item = "{\"inputObject\":\"" + ID + "\"}";
        assertEquals(100, parser.parseBatch("[" + String.join(",", java.util.Collections.nCopies(100, item)) + "]")
                .items().size());
        assertThrows(InvalidRequestException.class,
                () -> parser.parseBatch("[" + String.join(",", java.util.Collections.nCopies(101, item)) + "]"));
        assertThrows(InvalidRequestException.class, () -> parser.parseBatch("[]"));
        assertFalse(parser.parseBatch(item).array());
    }
}
