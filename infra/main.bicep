// avd-session-disconnect: everything the app needs, least privilege and without secrets.
//
//   az deployment group create -g <resource-group> -f infra/main.bicep -p infra/main.parameters.json
//
// One user-assigned managed identity is the app's only credential: for the Functions host storage, the
// deployment package, Service Bus, Application Insights and ARM (the host pools).

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------
// Naming and placement
// ---------------------------------------------------------------------------------------------------------------

@description('Short name used in every resource name.')
@minLength(3)
@maxLength(20)
param appName string = 'avd-disconnect'
@description('Region of all resources here (it must offer Flex Consumption: az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location
param tags object = {}

// ---------------------------------------------------------------------------------------------------------------
// What the app may touch
// ---------------------------------------------------------------------------------------------------------------

@description('Resource ids of the host pools whose sessions the app may disconnect; they may be in other resource groups and subscriptions. The identity gets the user-session role on each, and (unless allowedScopesOverride is set) AVD_ALLOWED_SCOPES lists exactly these.')
param hostPoolIds array
@description('Explicit AVD_ALLOWED_SCOPES (comma-separated ARM scopes); empty: the host pool ids. The role assignments stay the real boundary.')
param allowedScopesOverride string = ''
@description('Subscription of name-based requests that give none (AVD_DEFAULT_SUBSCRIPTION_ID).')
param defaultSubscriptionId string = subscription().subscriptionId
@description('Grant a custom role with only usersessions read, disconnect and sendMessage instead of the built-in Desktop Virtualization User Session Operator.')
param useCustomSessionRole bool = false

// ---------------------------------------------------------------------------------------------------------------
// Function App (Flex Consumption)
// ---------------------------------------------------------------------------------------------------------------

@allowed([
  '17'
  '21'
])
param javaVersion string = '17'
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048
@description('Upper bound of instances. ARM throttles writes per identity and subscription (10/s), so more instances do not disconnect faster.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 10

// ---------------------------------------------------------------------------------------------------------------
// HTTP authentication: function keys always; Entra ID on top when requireEntraAuth
// ---------------------------------------------------------------------------------------------------------------

param requireEntraAuth bool = false
@description('Client id of an existing app registration that represents this API (required when requireEntraAuth).')
param entraApiClientId string = ''
param entraAllowedAudiences array = []
@description('Client ids of the callers (e.g. the automation account\'s managed identity); empty: any application of the tenant.')
param entraAllowedClientApplications array = []

// ---------------------------------------------------------------------------------------------------------------
// Service Bus
// ---------------------------------------------------------------------------------------------------------------

param requestsQueueName string = 'disconnect-requests'
@description('Deliveries of a request before it is dead-lettered; the app reads the same value (DISCONNECT_MAX_DELIVERY_COUNT).')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int = 10
param requestTimeToLive string = 'P1D'
param resultsTopicName string = 'disconnect-results'
param resultTimeToLive string = 'P14D'
param allResultsSubscriptionName string = 'all-results'
param failuresSubscriptionName string = 'failures'
@description('Also grant Azure Service Bus Data Owner on the requests queue only, so the Flex scale controller can read the queue length.')
param grantQueueOwnerForScaling bool = true

// ---------------------------------------------------------------------------------------------------------------
// Cleanup (scheduled disconnects) and ARM throttling budgets
// ---------------------------------------------------------------------------------------------------------------

@description('NCRONTAB schedule of the cleanup run (UTC).')
param cleanupSchedule string = '0 0 19 * * 1-5'
@description('The cleanup policy (JSON array); empty: the cleanup does nothing.')
param cleanupPolicy array = []
@description('Cleanup only reports what it would disconnect.')
param cleanupDryRun bool = true
param armWritesBurst int = 200
param armWritesPerSecond int = 10
param armReadsBurst int = 250
param armReadsPerSecond int = 25

// ---------------------------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------------------------

param logRetentionInDays int = 30
param failureRatePercent int = 10
param failureRateMinimumResults int = 5
@description('Resource id of an existing action group the alerts notify; empty: none.')
param alertActionGroupId string = ''

// ---------------------------------------------------------------------------------------------------------------

var token = toLower(uniqueString(subscription().id, resourceGroup().id, appName))
var deploymentContainerName = 'app-package'
var roles = loadJsonContent('roles.json')
var armEndpoint = environment().resourceManager
var hostPoolSubscriptionIds = [for id in hostPoolIds: '/subscriptions/${split(id, '/')[2]}']
var hostPoolSubscriptions = union(hostPoolSubscriptionIds, []) // without duplicates

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${appName}-${token}'
  location: location
  tags: tags
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${toLower(take(replace(appName, '-', ''), 9))}${token}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module serviceBus 'modules/serviceBus.bicep' = {
  name: 'serviceBus'
  params: {
    name: 'sb-${appName}-${token}'
    location: location
    tags: tags
    requestsQueueName: requestsQueueName
    maxDeliveryCount: maxDeliveryCount
    requestTimeToLive: requestTimeToLive
    resultsTopicName: resultsTopicName
    resultTimeToLive: resultTimeToLive
    allResultsSubscriptionName: allResultsSubscriptionName
    failuresSubscriptionName: failuresSubscriptionName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: 'log-${appName}-${token}'
    appInsightsName: 'appi-${appName}-${token}'
    retentionInDays: logRetentionInDays
    serviceBusNamespaceId: serviceBus.outputs.id
    requestsQueueName: serviceBus.outputs.requestsQueueName
    failureRatePercent: failureRatePercent
    failureRateMinimumResults: failureRateMinimumResults
    actionGroupId: alertActionGroupId
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.properties.principalId
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    serviceBusNamespaceName: serviceBus.outputs.name
    requestsQueueName: serviceBus.outputs.requestsQueueName
    resultsTopicName: serviceBus.outputs.resultsTopicName
    grantQueueOwnerForScaling: grantQueueOwnerForScaling
  }
}

module customRole 'modules/customRole.bicep' = if (useCustomSessionRole) {
  name: 'customSessionRole'
  scope: subscription()
  params: {
    roleName: 'AVD session disconnect (${token})'
    assignableScopes: empty(hostPoolSubscriptions) ? [subscription().id] : hostPoolSubscriptions
  }
}

// One deployment per host pool, in the host pool's resource group and subscription (split: '', 'subscriptions',
// {subscriptionId}, 'resourceGroups', {resourceGroup}, 'providers', 'Microsoft.DesktopVirtualization',
// 'hostPools', {name}). The deployer needs rights to assign roles there.
module hostPoolRoles 'modules/hostPoolRole.bicep' = [for hostPoolId in hostPoolIds: {
  name: 'hostPoolRole-${uniqueString(hostPoolId)}'
  scope: resourceGroup(split(hostPoolId, '/')[2], split(hostPoolId, '/')[4])
  params: {
    hostPoolName: split(hostPoolId, '/')[8]
    principalId: identity.properties.principalId
    roleDefinitionGuid: useCustomSessionRole ? customRole.outputs.roleDefinitionGuid : roles.userSessionOperator.id
  }
}]

// Every setting the app reads (README, "Configuration"), and the identity-based host and binding connections.
// Settings with a code default that is right for Azure (ARM_API_VERSION, ARM_MAX_ATTEMPTS, the ARM timeouts,
// DISCONNECT_CONCURRENCY) are left out: README documents them.
var appSettings = {
  // Functions host storage, by identity (no AzureWebJobsStorage connection string). The service URIs make it
  // work in any cloud; the account name is what the host falls back to.
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId

  // Telemetry: Entra-authenticated ingestion as the app identity.
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'

  // The identity for ARM (and the Service Bus result publisher).
  AZURE_CLIENT_ID: identity.properties.clientId

  // Service Bus: the trigger's identity-based connection 'ServiceBusConnection'.
  ServiceBusConnection__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identity.properties.clientId
  DISCONNECT_REQUESTS_QUEUE: requestsQueueName
  DISCONNECT_RESULTS_TOPIC: resultsTopicName
  DISCONNECT_MAX_DELIVERY_COUNT: string(maxDeliveryCount)

  // ARM: where, and what the app may touch.
  ARM_ENDPOINT: endsWith(armEndpoint, '/') ? substring(armEndpoint, 0, length(armEndpoint) - 1) : armEndpoint
  AVD_ALLOWED_SCOPES: empty(allowedScopesOverride) ? join(hostPoolIds, ',') : allowedScopesOverride
  AVD_DEFAULT_SUBSCRIPTION_ID: defaultSubscriptionId
  ARM_WRITES_BURST: string(armWritesBurst)
  ARM_WRITES_PER_SECOND: string(armWritesPerSecond)
  ARM_READS_BURST: string(armReadsBurst)
  ARM_READS_PER_SECOND: string(armReadsPerSecond)

  // The Entra ID route answers only behind App Service authentication.
  HTTP_ENTRA_AUTH: requireEntraAuth ? 'true' : 'false'

  // Cleanup.
  CLEANUP_SCHEDULE: cleanupSchedule
  CLEANUP_POLICY: string(cleanupPolicy)
  CLEANUP_DRY_RUN: cleanupDryRun ? 'true' : 'false'
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  dependsOn: [
    rbac
  ]
  params: {
    planName: 'plan-${appName}-${token}'
    name: 'func-${appName}-${token}'
    location: location
    tags: tags
    identityId: identity.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    javaVersion: javaVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: appSettings
    requireEntraAuth: requireEntraAuth
    entraApiClientId: entraApiClientId
    entraAllowedAudiences: entraAllowedAudiences
    entraAllowedClientApplications: entraAllowedClientApplications
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'
output identityName string = identity.name
output identityPrincipalId string = identity.properties.principalId
output identityClientId string = identity.properties.clientId
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output requestsQueueName string = serviceBus.outputs.requestsQueueName
output resultsTopicName string = serviceBus.outputs.resultsTopicName
output allResultsSubscriptionName string = serviceBus.outputs.allResultsSubscriptionName
output failuresSubscriptionName string = serviceBus.outputs.failuresSubscriptionName
output storageAccountName string = storage.outputs.name
output appInsightsName string = monitoring.outputs.appInsightsName
output logAnalyticsWorkspaceId string = monitoring.outputs.workspaceId
output sessionRoleDefinitionGuid string = useCustomSessionRole ? customRole.outputs.roleDefinitionGuid : roles.userSessionOperator.id
