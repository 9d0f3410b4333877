package com.contoso.avd.infra;

import static com.contoso.avd.infra.BicepFile.normalize;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.disconnect.DisconnectOutcome;
import com.contoso.avd.functions.DisconnectQueueFunction;
import com.contoso.avd.infra.BicepFile.Declaration;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads {@code infra/} (Bicep, as text: no compiler here) together with the code and README, and checks what a
 * deployment relies on: every setting the code reads is set or documented, roles are the right ones at the narrowest
 * scope, nothing secret is written down, local authentication is off, and the names the bindings use are the names
 * the Bicep creates.
 */
class InfraTest {
    private static final Path INFRA = Path.of("infra");
    private static final Path MAIN_JAVA_EVENTS = Path.of("src/main/java/com/contoso/avd/events");
    private static final BicepFile MAIN = BicepFile.read(INFRA.resolve("main.bicep"));
    private static final BicepFile SERVICE_BUS = module("serviceBus.bicep");
    private static final BicepFile STORAGE = module("storage.bicep");
    private static final BicepFile MONITORING = module("monitoring.bicep");
    private static final BicepFile FUNCTION_APP = module("functionApp.bicep");
    private static final BicepFile RBAC = module("rbac.bicep");
    private static final BicepFile HOST_POOL_ROLE = module("hostPoolRole.bicep");
    private static final BicepFile CUSTOM_ROLE = module("customRole.bicep");

    /** Set by App Service / the Functions platform itself; the code only reads them. */
    private static final Set<String> SET_BY_THE_PLATFORM = Set.of("WEBSITE_SITE_NAME", "IDENTITY_ENDPOINT",
            "MSI_ENDPOINT");

    /** The built-in roles, as published in the Azure RBAC built-in roles reference. */
    private static final Map<String, String> BUILT_IN_ROLES = Map.of(
            "Azure Service Bus Data Receiver", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
            "Azure Service Bus Data Sender", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
            "Azure Service Bus Data Owner", "090c5cfd-751d-490a-894a-3ce6f1109419",
            "Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            "Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
            "Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb",
            "Desktop Virtualization User Session Operator", "ea4bfff8-7fb4-485a-aadd-d4129a0ffaa6");

    private static final String ROLE_ASSIGNMENT = "Microsoft.Authorization/roleAssignments";
    private static final String IDENTITY_CLIENT_ID = "identity.properties.clientId";

    // ----------------------------------------------------------------------------------------------------------
    // 1. Settings
    // ----------------------------------------------------------------------------------------------------------

    @Test
    void everySettingTheCodeReadsIsSetByTheBicepOrDocumentedAsOptional() {
        Set<String> set = appSettings().keySet();
        Map<String, String> optional = readmeOptionalSettings();
        List<String> missing = CodeSettings.readByCode().stream()
                .filter(name -> !SET_BY_THE_PLATFORM.contains(name))
                .filter(name -> !set.contains(name) && !optional.containsKey(name))
                .toList();
        assertTrue(missing.isEmpty(), "read by the code, but neither set in infra/main.bicep (var appSettings) nor "
                + "documented in README's configuration table as optional with a default: " + missing);
    }

    @Test
    void settingsAreFoundInConstantsBindingExpressionsAndSettingReads() {
        String sources = CodeSettings.mainSources();
        assertAll(
                () -> assertTrue(CodeSettings.appSettingsConstants().containsAll(Set.of("AVD_ALLOWED_SCOPES",
                        "ServiceBusConnection__fullyQualifiedNamespace", "AVD_DEFAULT_SUBSCRIPTION_ID"))),
                () -> assertFalse(CodeSettings.appSettingsConstants().contains("https://management.azure.com"),
                        "default values are not setting names"),
                () -> assertTrue(CodeSettings.bindingExpressions(sources).contains("DISCONNECT_REQUESTS_QUEUE")),
                () -> assertTrue(CodeSettings.passedToSettingReaders(sources, CodeSettings.settingReaders())
                        .contains("IDENTITY_ENDPOINT"), "a literal passed to settings.get(...)"));
    }

    @Test
    void aSettingAddedAnywhereLaterIsFound() {
        String added = """
                final class Cleanup {
                    static final String DRY_RUN = "CLEANUP_DRY_RUN";
                    static final String METHOD = "POST";
                    boolean dryRun(AppSettings settings) { return settings.bool(DRY_RUN, true); }
                    String zone() { return System.getenv("CLEANUP_TIME_ZONE"); }
                    String method() { return METHOD; }
                    @TimerTrigger(name = "timer", schedule = "%CLEANUP_SCHEDULE%") void run() { }
                }
                """;
        Set<String> readers = new TreeSet<>(CodeSettings.settingReaders());
        readers.add("bool");
        assertEquals(Set.of("CLEANUP_DRY_RUN", "CLEANUP_TIME_ZONE"), CodeSettings.passedToSettingReaders(added,
                readers));
        assertEquals(Set.of("CLEANUP_SCHEDULE"), CodeSettings.bindingExpressions(added));
    }

    @Test
    void flexConsumptionSettingsThatThePlatformRejectsAreNotSet() {
        Set<String> rejectedOnFlex = Set.of("FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME",
                "FUNCTIONS_WORKER_RUNTIME_VERSION", "FUNCTIONS_MAX_HTTP_CONCURRENCY", "FUNCTIONS_WORKER_PROCESS_COUNT",
                "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED", "SCM_DO_BUILD_DURING_DEPLOYMENT",
                "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE", "WEBSITE_RUN_FROM_PACKAGE",
                "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "WEBSITE_NODE_DEFAULT_VERSION");
        Set<String> set = new TreeSet<>(appSettings().keySet());
        set.retainAll(rejectedOnFlex);
        assertTrue(set.isEmpty(), "not supported on Flex Consumption (runtime and scale live in functionAppConfig): "
                + set);
    }

    @Test
    void theAppSettingsObjectIsWhatTheFunctionAppGets() {
        Declaration functionApp = MAIN.declaration("functionApp");
        assertEquals("appSettings", functionApp.get("params.appSettings"));
        Declaration config = resourceNamed(FUNCTION_APP, "Microsoft.Web/sites/config", "'appsettings'");
        assertEquals("appSettings", config.get("properties"));
        assertEquals("object", FUNCTION_APP.param("appSettings").type());
    }

    // ----------------------------------------------------------------------------------------------------------
    // 2. Roles
    // ----------------------------------------------------------------------------------------------------------

    @Test
    void roleIdsAreTheBuiltInRoleGuids() {
        JsonObject roles = rolesJson();
        Map<String, String> declared = new TreeMap<>();
        for (Map.Entry<String, JsonElement> role : roles.entrySet()) {
            JsonObject value = role.getValue().getAsJsonObject();
            declared.put(value.get("name").getAsString(), value.get("id").getAsString());
        }
        assertEquals(new TreeMap<>(BUILT_IN_ROLES), declared);
    }

    @Test
    void roleIdsAreOnlyWrittenInRolesJson() {
        Pattern guid = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        for (BicepFile file : allBicepFiles()) {
            Matcher m = guid.matcher(file.code);
            assertFalse(m.find(), () -> file.path + " writes a GUID (" + m.group() + "): role ids belong in "
                    + "infra/roles.json, used as roles.<key>.id");
        }
    }

    @Test
    void everyRoleAssignmentHasADeterministicNameAServicePrincipalTypeAndAnExplicitScope() {
        List<Assignment> assignments = roleAssignments();
        assertEquals(8, assignments.size(), "role assignments in infra/");
        for (Assignment a : assignments) {
            String where = a.file().path + " " + a.declaration().symbol() + ": ";
            assertAll(
                    () -> assertTrue(a.get("name").startsWith("guid("), where + "name must be guid(...)"),
                    () -> assertFalse(a.get("name").contains("newGuid") || a.get("name").contains("utcNow"),
                            where + "name must be the same on every deployment"),
                    () -> assertTrue(a.get("name").contains("principalId"), where + "name includes the principal"),
                    () -> assertEquals("'ServicePrincipal'", a.get("properties.principalType"), where),
                    () -> assertEquals("principalId", a.get("properties.principalId"), where),
                    () -> assertNotNull(a.get("scope"), where + "no scope means the whole resource group"));
        }
    }

    @Test
    void eachRoleIsGrantedOnlyAtTheNarrowestScopeThatWorks() {
        List<String> granted = new ArrayList<>();
        for (Assignment a : roleAssignments()) {
            granted.add(roleOf(a) + " @ " + scopeTypeOf(a));
        }
        granted.sort(null);
        List<String> expected = new ArrayList<>(List.of(
                "serviceBusDataReceiver @ Microsoft.ServiceBus/namespaces/queues",
                "serviceBusDataSender @ Microsoft.ServiceBus/namespaces/queues",
                "serviceBusDataOwner @ Microsoft.ServiceBus/namespaces/queues",
                "serviceBusDataSender @ Microsoft.ServiceBus/namespaces/topics",
                "storageBlobDataOwner @ Microsoft.Storage/storageAccounts",
                "storageTableDataContributor @ Microsoft.Storage/storageAccounts",
                "monitoringMetricsPublisher @ Microsoft.Insights/components",
                "param roleDefinitionGuid @ Microsoft.DesktopVirtualization/hostPools"));
        expected.sort(null);
        assertEquals(expected, granted);
    }

    @Test
    void queueOwnershipForScalingIsOptional() {
        Assignment owner = roleAssignments().stream().filter(a -> roleOf(a).equals("serviceBusDataOwner"))
                .findFirst().orElseThrow();
        assertEquals("if (grantQueueOwnerForScaling)", normalize(owner.declaration().prefix()));
        assertEquals("grantQueueOwnerForScaling", MAIN.declaration("rbac").get("params.grantQueueOwnerForScaling"));
    }

    @Test
    void theAppIdentityIsTheOnlyPrincipalGrantedRoles() {
        assertEquals("identity.properties.principalId", MAIN.declaration("rbac").get("params.principalId"));
        assertEquals("identity.properties.principalId",
                MAIN.declaration("hostPoolRoles").get("params.principalId"));
        assertEquals("Microsoft.ManagedIdentity/userAssignedIdentities", MAIN.declaration("identity").resourceType());
    }

    @Test
    void theCustomRoleCanOnlyReadDisconnectAndMessageUserSessionsAndReadSessionHosts() {
        Declaration role = CUSTOM_ROLE.createdResource("Microsoft.Authorization/roleDefinitions");
        String permissions = role.get("properties.permissions");
        Matcher action = Pattern.compile("'(Microsoft\\.[^']+)'").matcher(permissions);
        Set<String> actions = new TreeSet<>();
        while (action.find()) {
            actions.add(action.group(1));
        }
        String sessions = "Microsoft.DesktopVirtualization/hostpools/sessionhosts/usersessions/";
        assertEquals(Set.of(sessions + "read", sessions + "disconnect/action", sessions + "sendMessage/action",
                "Microsoft.DesktopVirtualization/hostpools/sessionhosts/read"), actions);
        assertFalse(permissions.contains("dataActions"), "user sessions are control-plane actions");
        assertEquals("'subscription'", targetScope(CUSTOM_ROLE));
    }

    // ----------------------------------------------------------------------------------------------------------
    // 3. No secrets
    // ----------------------------------------------------------------------------------------------------------

    /**
     * The Application Insights connection string is an instrumentation key and ingestion endpoints, not a secret
     * (ingestion needs an Entra token: DisableLocalAuth). These are the only lines allowed to mention it.
     */
    private static final Map<String, Set<String>> APP_INSIGHTS_CONNECTION_STRING_IS_NOT_A_SECRET = Map.of(
            "monitoring.bicep", Set.of(
                    "output appInsightsConnectionString string = appInsights.properties.ConnectionString"),
            "main.bicep", Set.of(
                    "APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString"));

    @Test
    void noConnectionStringKeyOrSasAppearsInInfra() {
        List<String> findings = new ArrayList<>();
        for (Path file : infraFiles()) {
            String text = CodeSettings.read(file);
            String code = file.toString().endsWith(".bicep") ? BicepFile.withoutComments(text) : text;
            Set<String> exempt = APP_INSIGHTS_CONNECTION_STRING_IS_NOT_A_SECRET.getOrDefault(
                    file.getFileName().toString(), Set.of());
            for (String line : code.split("\n")) {
                if (!exempt.contains(line.strip())) {
                    secretsIn(line).forEach(s -> findings.add(file + ": " + s + " in: " + line.strip()));
                }
            }
        }
        assertTrue(findings.isEmpty(), String.join("\n", findings));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc=='",
            "ServiceBusConnection: 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=x'",
            "key: storage.listKeys().keys[0].value",
            "value: listKeys(storage.id, '2023-05-01').keys[0].value",
            "sas: storage.listAccountSas('2023-05-01', sasProperties).accountSasToken",
            "url: 'https://st.blob.core.windows.net/c?sv=2022-11-02&sig=abc%3D'",
            "connectionString: 'Server=tcp:db;Password=p'",
            "SB_CONNECTION_STRING: serviceBus.outputs.connectionString",
            "param serviceBusKey string"
    })
    void theSecretScannerCatches(String line) {
        assertFalse(secretsIn(line).isEmpty(), line);
    }

    @Test
    void nothingIsPassedAsASecureParameter() {
        for (BicepFile file : allBicepFiles()) {
            assertFalse(file.code.contains("@secure()"), file.path + ": a @secure() parameter is a secret to manage");
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // 4. Local authentication
    // ----------------------------------------------------------------------------------------------------------

    @Test
    void localAuthenticationIsDisabledEverywhere() {
        Declaration namespace = SERVICE_BUS.createdResource("Microsoft.ServiceBus/namespaces");
        Declaration storage = STORAGE.createdResource("Microsoft.Storage/storageAccounts");
        Declaration appInsights = MONITORING.createdResource("Microsoft.Insights/components");
        Declaration workspace = MONITORING.createdResource("Microsoft.OperationalInsights/workspaces");
        assertAll(
                () -> assertEquals("true", namespace.get("properties.disableLocalAuth"), "Service Bus SAS"),
                () -> assertEquals("'1.2'", namespace.get("properties.minimumTlsVersion")),
                () -> assertEquals("false", storage.get("properties.allowSharedKeyAccess"), "storage account keys"),
                () -> assertEquals("false", storage.get("properties.allowBlobPublicAccess")),
                () -> assertEquals("'TLS1_2'", storage.get("properties.minimumTlsVersion")),
                () -> assertEquals("true", appInsights.get("properties.DisableLocalAuth"), "ikey-only ingestion"),
                () -> assertEquals("true", workspace.get("properties.features.disableLocalAuth"), "workspace keys"),
                () -> assertEquals("false", resourceNamed(FUNCTION_APP,
                        "Microsoft.Web/sites/basicPublishingCredentialsPolicies", "'scm'").get("properties.allow")),
                () -> assertEquals("false", resourceNamed(FUNCTION_APP,
                        "Microsoft.Web/sites/basicPublishingCredentialsPolicies", "'ftp'").get("properties.allow")));
    }

    @Test
    void everyConnectionIsTheUserAssignedIdentity() {
        Map<String, String> settings = appSettings();
        assertAll(
                () -> assertEquals(IDENTITY_CLIENT_ID, settings.get("AZURE_CLIENT_ID")),
                () -> assertEquals("'managedidentity'", settings.get("AzureWebJobsStorage__credential")),
                () -> assertEquals(IDENTITY_CLIENT_ID, settings.get("AzureWebJobsStorage__clientId")),
                () -> assertEquals("storage.outputs.name", settings.get("AzureWebJobsStorage__accountName")),
                () -> assertFalse(settings.containsKey("AzureWebJobsStorage"), "the connection-string form"),
                () -> assertEquals("'ClientId=${" + IDENTITY_CLIENT_ID + "};Authorization=AAD'",
                        settings.get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")),
                () -> assertEquals("'UserAssignedIdentity'", FUNCTION_APP.createdResource("Microsoft.Web/sites")
                        .get("properties.functionAppConfig.deployment.storage.authentication.type")),
                () -> assertEquals("'UserAssigned'",
                        FUNCTION_APP.createdResource("Microsoft.Web/sites").get("identity.type")));
    }

    @Test
    void bindingConnectionsAreIdentityBased() {
        Map<String, String> settings = appSettings();
        Set<String> connections = annotationValues("connection");
        assertFalse(connections.isEmpty());
        for (String connection : connections) {
            assertAll(connection,
                    () -> assertFalse(settings.containsKey(connection), "a connection string setting"),
                    () -> assertNotNull(settings.get(connection + "__fullyQualifiedNamespace")),
                    () -> assertEquals("'managedidentity'", settings.get(connection + "__credential")),
                    () -> assertEquals(IDENTITY_CLIENT_ID, settings.get(connection + "__clientId")));
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // 5-7. Names and counts shared by the queue, the bindings and the app
    // ----------------------------------------------------------------------------------------------------------

    @Test
    void theQueuesMaxDeliveryCountAndTheAppSettingComeFromTheSameParameter() {
        assertEquals("int", MAIN.param("maxDeliveryCount").type());
        assertEquals("string(maxDeliveryCount)", appSettings().get("DISCONNECT_MAX_DELIVERY_COUNT"));
        assertEquals("maxDeliveryCount", MAIN.declaration("serviceBus").get("params.maxDeliveryCount"));
        Declaration queue = SERVICE_BUS.createdResource("Microsoft.ServiceBus/namespaces/queues");
        assertEquals("maxDeliveryCount", queue.get("properties.maxDeliveryCount"));
        assertEquals("int", SERVICE_BUS.param("maxDeliveryCount").type());
    }

    @Test
    void theQueueTriggerReadsTheQueueTheBicepCreates() throws NoSuchMethodException {
        String queueName = queueTrigger().queueName();
        Matcher setting = Pattern.compile("%(\\w+)%").matcher(queueName);
        assertTrue(setting.matches(), "the queue name is an app setting: " + queueName);
        String param = appSettings().get(setting.group(1));
        assertEquals("requestsQueueName", param, setting.group(1) + " in var appSettings");
        assertTrue(MAIN.params().containsKey(param));
        assertEquals(param, MAIN.declaration("serviceBus").get("params.requestsQueueName"));
        assertEquals("requestsQueueName",
                SERVICE_BUS.createdResource("Microsoft.ServiceBus/namespaces/queues").get("name"));
    }

    @Test
    void theResultsTopicIsTheOneTheAppPublishesTo() {
        assertEquals("resultsTopicName", appSettings().get("DISCONNECT_RESULTS_TOPIC"));
        assertEquals("resultsTopicName", MAIN.declaration("serviceBus").get("params.resultsTopicName"));
        assertEquals("resultsTopicName",
                SERVICE_BUS.createdResource("Microsoft.ServiceBus/namespaces/topics").get("name"));
    }

    @Test
    void theRequestsQueueDetectsDuplicatesAndDeadLettersExpiredRequests() {
        Declaration queue = SERVICE_BUS.createdResource("Microsoft.ServiceBus/namespaces/queues");
        assertEquals("true", queue.get("properties.requiresDuplicateDetection"));
        assertEquals("true", queue.get("properties.deadLetteringOnMessageExpiration"));
        assertEquals("'Standard'", SERVICE_BUS.createdResource("Microsoft.ServiceBus/namespaces").get("sku.name"),
                "duplicate detection needs Standard or Premium");
    }

    @Test
    void theFailuresSubscriptionFiltersOnOutcomesTheAppPublishes() {
        Declaration rule = SERVICE_BUS.createdResource("Microsoft.ServiceBus/namespaces/topics/subscriptions/rules");
        assertEquals("'$Default'", rule.get("name"), "replaces the subscription's accept-everything rule");
        assertEquals("'SqlFilter'", rule.get("properties.filterType"));
        String sql = rule.get("properties.sqlFilter.sqlExpression");
        assertTrue(sql.startsWith("'outcome IN ("), sql);
        Set<String> filtered = new TreeSet<>();
        Matcher value = Pattern.compile("\\\\'(\\w+)\\\\'").matcher(sql);
        while (value.find()) {
            filtered.add(value.group(1));
        }
        Set<String> outcomes = Arrays.stream(DisconnectOutcome.values()).map(DisconnectOutcome::value)
                .collect(Collectors.toSet());
        assertEquals(Set.of("failed", "forbidden", "rejected"), filtered);
        assertTrue(outcomes.containsAll(filtered), "every filtered outcome is one the app publishes: " + outcomes);
        assertEquals("failures", rule.get("parent"));
        assertTrue(CodeSettings.read(MAIN_JAVA_EVENTS.resolve("ServiceBusResultPublisher.java"))
                .contains("properties.put(\"outcome\""), "the filter reads the 'outcome' application property");
    }

    // ----------------------------------------------------------------------------------------------------------
    // Host pools
    // ----------------------------------------------------------------------------------------------------------

    @Test
    void theHostPoolRoleIsAssignedPerHostPoolAtTheHostPoolsScope() {
        Declaration perHostPool = MAIN.declaration("hostPoolRoles");
        assertEquals("modules/hostPoolRole.bicep", perHostPool.type());
        Matcher loop = Pattern.compile("\\[for (\\w+) in hostPoolIds:").matcher(perHostPool.prefix());
        assertTrue(loop.matches(), "one module deployment per host pool: " + perHostPool.prefix());
        String id = loop.group(1);
        assertEquals("resourceGroup(split(" + id + ", '/')[2], split(" + id + ", '/')[4])",
                normalize(perHostPool.get("scope")), "deployed into the host pool's subscription and resource group");
        assertEquals("split(" + id + ", '/')[8]", perHostPool.get("params.hostPoolName"));
        assertTrue(perHostPool.get("params.roleDefinitionGuid").endsWith(": roles.userSessionOperator.id"),
                "the built-in role unless useCustomSessionRole: " + perHostPool.get("params.roleDefinitionGuid"));

        Declaration hostPool = HOST_POOL_ROLE.resourcesOfType("Microsoft.DesktopVirtualization/hostPools").get(0);
        assertTrue(hostPool.existing(), "the module declares the existing host pool");
        assertEquals("hostPoolName", hostPool.get("name"));
        Declaration assignment = HOST_POOL_ROLE.createdResource(ROLE_ASSIGNMENT);
        assertEquals(hostPool.symbol(), assignment.get("scope"), "scoped to the host pool, not its resource group");
    }

    @Test
    void allowedScopesAreTheHostPoolsUnlessOverridden() {
        assertEquals("empty(allowedScopesOverride) ? join(hostPoolIds, ',') : allowedScopesOverride",
                appSettings().get("AVD_ALLOWED_SCOPES"));
        assertEquals("array", MAIN.param("hostPoolIds").type());
        assertEquals("''", MAIN.param("allowedScopesOverride").defaultValue());
    }

    @Test
    void theParametersExampleHasWellFormedHostPoolIdsAndOnlyKnownParameters() {
        JsonObject parameters = JsonParser.parseString(CodeSettings.read(INFRA.resolve("main.parameters.json"))).getAsJsonObject()
                .getAsJsonObject("parameters");
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(MAIN.params().keySet());
        assertTrue(unknown.isEmpty(), "not parameters of main.bicep: " + unknown);
        Pattern hostPoolId = Pattern.compile("/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/"
                + "Microsoft\\.DesktopVirtualization/hostPools/[^/]+", Pattern.CASE_INSENSITIVE);
        var ids = parameters.getAsJsonObject("hostPoolIds").getAsJsonArray("value");
        assertFalse(ids.isEmpty());
        for (JsonElement id : ids) {
            assertTrue(hostPoolId.matcher(id.getAsString()).matches(), id.getAsString());
            assertEquals(9, id.getAsString().split("/").length, "split(id, '/') indexes 2, 4 and 8");
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Function App, HTTP authentication, monitoring
    // ----------------------------------------------------------------------------------------------------------

    @Test
    void theFunctionAppRunsJavaOnFlexConsumptionWithParameterisedScale() {
        Declaration plan = FUNCTION_APP.createdResource("Microsoft.Web/serverfarms");
        Declaration site = FUNCTION_APP.createdResource("Microsoft.Web/sites");
        Declaration functionApp = MAIN.declaration("functionApp");
        assertAll(
                () -> assertEquals("'FC1'", plan.get("sku.name")),
                () -> assertEquals("'FlexConsumption'", plan.get("sku.tier")),
                () -> assertEquals("true", plan.get("properties.reserved"), "Linux"),
                () -> assertEquals("'java'", site.get("properties.functionAppConfig.runtime.name")),
                () -> assertEquals("javaVersion", site.get("properties.functionAppConfig.runtime.version")),
                () -> assertEquals("'17'", MAIN.param("javaVersion").defaultValue(), "the version pom.xml builds"),
                () -> assertEquals("instanceMemoryMB",
                        site.get("properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB")),
                () -> assertEquals("maximumInstanceCount",
                        site.get("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount")),
                () -> assertEquals("instanceMemoryMB", functionApp.get("params.instanceMemoryMB")),
                () -> assertEquals("maximumInstanceCount", functionApp.get("params.maximumInstanceCount")),
                () -> assertTrue(MAIN.params().containsKey("instanceMemoryMB")),
                () -> assertTrue(MAIN.params().containsKey("maximumInstanceCount")),
                () -> assertEquals("true", site.get("properties.httpsOnly")));
    }

    @Test
    void entraAuthenticationIsOptionalAndRefusesCallsWithoutAToken() {
        Declaration auth = resourceNamed(FUNCTION_APP, "Microsoft.Web/sites/config", "'authsettingsV2'");
        assertAll(
                () -> assertEquals("if (requireEntraAuth)", normalize(auth.prefix())),
                () -> assertEquals("false", MAIN.param("requireEntraAuth").defaultValue(), "function keys by default"),
                () -> assertEquals("true", auth.get("properties.globalValidation.requireAuthentication")),
                () -> assertEquals("'Return401'", auth.get("properties.globalValidation.unauthenticatedClientAction")),
                () -> assertEquals("entraAllowedClientApplications", auth.get("properties.identityProviders"
                        + ".azureActiveDirectory.validation.defaultAuthorizationPolicy.allowedApplications")),
                () -> assertFalse(FUNCTION_APP.code.contains("clientSecretSettingName"), "no client secret"));
    }

    @Test
    void alertsWatchDeadLettersAndTheFailureRateAndAQueryGroupsOutcomesByHostPool() {
        Declaration deadLetters = MONITORING.createdResource("Microsoft.Insights/metricAlerts");
        String criteria = normalize(deadLetters.get("properties.criteria"));
        assertTrue(criteria.contains("metricName: 'DeadletteredMessages'"), criteria);
        assertTrue(criteria.contains("name: 'EntityName'") && criteria.contains("requestsQueueName"),
                "filtered to the requests queue: " + criteria);
        assertEquals("serviceBus.outputs.requestsQueueName", MAIN.declaration("monitoring")
                .get("params.requestsQueueName"));

        String failureRate = MONITORING.createdResource("Microsoft.Insights/scheduledQueryRules")
                .get("properties.criteria");
        assertTrue(failureRate.contains("\"failed\""), failureRate);
        String byHostPool = MONITORING.createdResource("Microsoft.OperationalInsights/workspaces/savedSearches")
                .get("properties.query");
        assertTrue(byHostPool.contains("/hostPools/") && byHostPool.contains("by hostPool"), byHostPool);

        String logLines = CodeSettings.read(Path.of("src/main/java/com/contoso/avd/functions/LogLines.java"));
        assertAll("the queries parse the app's one line per result",
                () -> assertTrue(logLines.contains("\"requestId=\"")),
                () -> assertTrue(logLines.contains("\" outcome=\"")),
                () -> assertTrue(logLines.contains("\" target=\"")));
    }

    @Test
    void readmeDeploysWithTheFilesInInfra() {
        String readme = CodeSettings.read(Path.of("README.md"));
        int deploy = readme.indexOf("\n## Deploy\n");
        assertTrue(deploy > 0 && deploy < readme.indexOf("\n## Limits\n"), "a Deploy section before Limits");
        assertTrue(readme.contains("az deployment group create -g <resource-group> -f infra/main.bicep "
                + "-p infra/main.parameters.json"));
        assertTrue(Files.exists(INFRA.resolve("main.parameters.json")));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Helpers
    // ----------------------------------------------------------------------------------------------------------

    private static BicepFile module(String name) {
        return BicepFile.read(INFRA.resolve("modules").resolve(name));
    }

    private static List<BicepFile> allBicepFiles() {
        return infraFiles().stream().filter(f -> f.toString().endsWith(".bicep")).map(BicepFile::read).toList();
    }

    private static List<Path> infraFiles() {
        try (Stream<Path> files = Files.walk(INFRA)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** main.bicep's {@code var appSettings}: setting name to Bicep expression. */
    private static Map<String, String> appSettings() {
        return MAIN.variableObject("appSettings").properties();
    }

    /** README's configuration table: settings marked not required, with a default other than none. */
    private static Map<String, String> readmeOptionalSettings() {
        String readme = CodeSettings.read(Path.of("README.md"));
        int start = readme.indexOf("## Configuration");
        String table = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Matcher row = Pattern.compile("(?m)^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|([^|]*)\\|").matcher(table);
        Map<String, String> optional = new LinkedHashMap<>();
        while (row.find()) {
            String required = row.group(2).strip();
            String fallback = row.group(3).strip();
            if (required.equalsIgnoreCase("no") && !fallback.toLowerCase().startsWith("none")) {
                optional.put(row.group(1), fallback);
            }
        }
        return optional;
    }

    private static JsonObject rolesJson() {
        return JsonParser.parseString(CodeSettings.read(INFRA.resolve("roles.json"))).getAsJsonObject();
    }

    /** A role assignment and the file that declares it (its scope symbol is resolved there). */
    private record Assignment(BicepFile file, Declaration declaration) {
        String get(String path) {
            return declaration.get(path);
        }
    }

    private static List<Assignment> roleAssignments() {
        List<Assignment> assignments = new ArrayList<>();
        for (BicepFile file : allBicepFiles()) {
            file.resourcesOfType(ROLE_ASSIGNMENT).forEach(a -> assignments.add(new Assignment(file, a)));
        }
        return assignments;
    }

    /** {@code roles.X.id} as X (checked against roles.json), or the parameter the role id comes from. */
    private static String roleOf(Assignment assignment) {
        String id = normalize(assignment.get("properties.roleDefinitionId"));
        Matcher m = Pattern.compile("subscriptionResourceId\\('Microsoft\\.Authorization/roleDefinitions', "
                + "(?:roles\\.(\\w+)\\.id|(\\w+))\\)").matcher(id);
        assertTrue(m.matches(), assignment.declaration().symbol() + ": role from roles.json or a parameter: " + id);
        if (m.group(1) != null) {
            assertTrue(rolesJson().has(m.group(1)), "roles.json has " + m.group(1));
            return m.group(1);
        }
        return "param " + m.group(2);
    }

    /** The resource type of the symbol an assignment is scoped to, declared in the same file. */
    private static String scopeTypeOf(Assignment assignment) {
        return assignment.file().declaration(assignment.get("scope")).resourceType();
    }

    private static Declaration resourceNamed(BicepFile file, String type, String name) {
        return file.resourcesOfType(type).stream().filter(d -> name.equals(d.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(file.path + ": no " + type + " named " + name));
    }

    private static String targetScope(BicepFile file) {
        Matcher m = Pattern.compile("(?m)^targetScope\\s*=\\s*(\\S+)").matcher(file.code);
        return m.find() ? m.group(1) : "'resourceGroup'";
    }

    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("AccountKey=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("SharedAccessKey", Pattern.CASE_INSENSITIVE),
            Pattern.compile("SharedAccessSignature", Pattern.CASE_INSENSITIVE),
            Pattern.compile("DefaultEndpointsProtocol=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("Endpoint=sb://", Pattern.CASE_INSENSITIVE),
            Pattern.compile("[?&]sig=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\blist[A-Z]\\w*\\s*\\("),
            Pattern.compile("connectionString", Pattern.CASE_INSENSITIVE),
            Pattern.compile("connection_string", Pattern.CASE_INSENSITIVE),
            Pattern.compile("(?i)\\bparam\\s+\\w*(key|secret|password|token|sas)\\w*\\s"));

    /** What in this line looks like a key, SAS, connection string or a way to fetch one. */
    static List<String> secretsIn(String line) {
        List<String> found = new ArrayList<>();
        for (Pattern secret : SECRETS) {
            Matcher m = secret.matcher(line);
            if (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }

    /** The queue trigger of the queue function, read from the compiled annotation. */
    private static ServiceBusQueueTrigger queueTrigger() throws NoSuchMethodException {
        Method run = Arrays.stream(DisconnectQueueFunction.class.getMethods())
                .filter(m -> m.getName().equals("run")).findFirst().orElseThrow(NoSuchMethodException::new);
        for (Annotation[] annotations : run.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof ServiceBusQueueTrigger trigger) {
                    return trigger;
                }
            }
        }
        throw new AssertionError("DisconnectQueueFunction.run has no @ServiceBusQueueTrigger");
    }

    /** Every {@code name = "value"} of this annotation attribute in src/main/java, e.g. {@code connection}. */
    private static Set<String> annotationValues(String attribute) {
        Matcher m = Pattern.compile("\\b" + attribute + "\\s*=\\s*\"([^\"]+)\"").matcher(CodeSettings.mainSources());
        Set<String> values = new TreeSet<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
