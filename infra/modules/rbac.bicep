// The app identity's data-plane roles in this resource group, each at the narrowest scope that works.
// (The host pool role is assigned by hostPoolRole.bicep, at each host pool.)

@description('Principal (object) id of the app\'s user-assigned managed identity.')
param principalId string
param storageAccountName string
param appInsightsName string
param serviceBusNamespaceName string
param requestsQueueName string
param resultsTopicName string
@description('Also grant Azure Service Bus Data Owner on the requests queue (only that queue): the Flex Consumption scale controller reads the queue length with it. Without it, scaling cannot see the backlog.')
param grantQueueOwnerForScaling bool

var roles = loadJsonContent('../roles.json')

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource requestsQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = {
  parent: namespace
  name: requestsQueueName
}

resource resultsTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' existing = {
  parent: namespace
  name: resultsTopicName
}

// The queue trigger receives requests.
resource queueReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(requestsQueue.id, principalId, roles.serviceBusDataReceiver.id)
  scope: requestsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver.id)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// The cleanup fan-out enqueues one disconnect request per session.
resource queueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(requestsQueue.id, principalId, roles.serviceBusDataSender.id)
  scope: requestsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender.id)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueOwnerForScaling 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantQueueOwnerForScaling) {
  name: guid(requestsQueue.id, principalId, roles.serviceBusDataOwner.id)
  scope: requestsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner.id)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Result events are published to the topic.
resource topicSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resultsTopic.id, principalId, roles.serviceBusDataSender.id)
  scope: resultsTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender.id)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Functions host storage: blobs for host coordination (primary-host lease, timer trigger schedule and locks),
// the function keys and the Flex deployment package. The host needs no queues (no blob trigger, no Durable Functions), so
// Storage Queue Data Contributor is not granted.
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageBlobDataOwner.id)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner.id)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// The host persists its diagnostic events in table storage (without it: event AZFD0003).
resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageTableDataContributor.id)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor.id)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Entra-authenticated telemetry ingestion (Application Insights has local auth disabled).
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, roles.monitoringMetricsPublisher.id)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher.id)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
