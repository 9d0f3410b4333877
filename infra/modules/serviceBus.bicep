// Service Bus: the requests queue (input) and the results topic (one terminal result event per request).
// Entra ID only: local (SAS) authentication is disabled on the namespace.
// Standard tier: duplicate detection and topics need Standard or Premium.

param name string
param location string
param tags object

param requestsQueueName string
@description('Deliveries before a message is dead-lettered. The app reads the same value (DISCONNECT_MAX_DELIVERY_COUNT).')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int
@description('How long a request may wait in the queue before it expires into the dead-letter queue (ISO 8601).')
param requestTimeToLive string

param resultsTopicName string
@description('How long a result event is kept in a subscription (ISO 8601).')
param resultTimeToLive string
param allResultsSubscriptionName string
param failuresSubscriptionName string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

// Redeliveries of a message keep its MessageId; duplicate detection also drops a request sent twice with the
// same requestId (the app's CLI and cleanup fan-out use it as the MessageId) within the window.
resource requestsQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: requestsQueueName
  properties: {
    maxDeliveryCount: maxDeliveryCount
    lockDuration: 'PT1M'
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: requestTimeToLive
    enableBatchedOperations: true
  }
}

// Event ids are '{requestId}:{outcome}' and are used as MessageId: a redelivery that reaches the same end within
// the window is dropped here instead of reaching subscribers twice.
resource resultsTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: resultsTopicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    defaultMessageTimeToLive: resultTimeToLive
    enableBatchedOperations: true
  }
}

// Every result event (the subscription's implicit $Default rule accepts everything).
resource allResults 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: resultsTopic
  name: allResultsSubscriptionName
  properties: {
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: resultTimeToLive
  }
}

resource failures 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: resultsTopic
  name: failuresSubscriptionName
  properties: {
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: resultTimeToLive
  }
}

// Named $Default so that it replaces the accept-everything rule a new subscription starts with, rather than
// being OR-ed with it. 'outcome' is the application property the app sets on every result event: failed (ARM kept
// failing past retries), forbidden (a role assignment is missing), rejected (invalid request or outside scope).
resource failuresFilter 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: failures
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: {
      sqlExpression: 'outcome IN (\'failed\', \'forbidden\', \'rejected\')'
    }
  }
}

output name string = namespace.name
output id string = namespace.id
// 'https://{name}.servicebus.windows.net:443/' -> '{name}.servicebus.windows.net' (any cloud's suffix)
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
output requestsQueueName string = requestsQueue.name
output resultsTopicName string = resultsTopic.name
output allResultsSubscriptionName string = allResults.name
output failuresSubscriptionName string = failures.name
