// Logs, telemetry and alerts. Application Insights accepts Entra-authenticated ingestion only (the app's
// identity has Monitoring Metrics Publisher on it); the workspace refuses shared-key access.
//
// The app logs one line per result through the Functions logger, e.g.
//   requestId=r-1 outcome=failed target=/subscriptions/.../hostPools/hp-pooled/sessionHosts/sh-0/userSessions/6 ...
// which lands in the workspace's AppTraces table (Message column): the queries below parse it.

param location string
param tags object
param workspaceName string
param appInsightsName string
@description('Days the workspace keeps data.')
param retentionInDays int

param serviceBusNamespaceId string
param requestsQueueName string
@description('Failed and forbidden outcomes, in percent of all results in the window, above which the failure alert fires.')
param failureRatePercent int
@description('Results in the window below which the failure-rate alert stays quiet (avoids alerting on 1 of 2).')
param failureRateMinimumResults int
@description('Action group the alerts notify; empty: alerts fire without notifying anyone.')
param actionGroupId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

var resultLines = 'AppTraces\n| where Message startswith "requestId=" and Message has " outcome="\n| extend outcome = extract(@"\\boutcome=(\\w+)", 1, Message)'

resource outcomesByHostPool 'Microsoft.OperationalInsights/workspaces/savedSearches@2020-08-01' = {
  parent: workspace
  name: 'avd-disconnect-outcomes-by-host-pool'
  properties: {
    category: 'AVD session disconnect'
    displayName: 'Disconnect outcomes by host pool'
    query: '${resultLines}\n| extend hostPool = extract(@"(?i)/hostPools/([^/\\s]+)", 1, Message)\n| summarize results = count() by hostPool = iff(isempty(hostPool), "(no target)", hostPool), outcome\n| order by hostPool asc, results desc'
  }
}

resource failureRate 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${appInsightsName}-failure-rate'
  location: location
  tags: tags
  properties: {
    displayName: 'AVD disconnect: failed or forbidden outcomes above ${failureRatePercent}%'
    description: 'failed: ARM kept failing past retries (throttling, 5xx, timeouts); forbidden: the identity lacks Desktop Virtualization User Session Operator on a host pool.'
    severity: 2
    enabled: true
    scopes: [
      workspace.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: '${resultLines}\n| summarize total = count(), failed = countif(outcome in ("failed", "forbidden"))\n| where total >= ${failureRateMinimumResults}\n| extend failedPercent = 100.0 * failed / total'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'failedPercent'
          operator: 'GreaterThan'
          threshold: failureRatePercent
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: empty(actionGroupId) ? [] : [
        actionGroupId
      ]
    }
  }
}

// DeadletteredMessages is the current dead-letter count of an entity: the alert stays fired until the
// requests queue's $DeadLetterQueue is drained.
resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${requestsQueueName}-dead-letters'
  location: 'global'
  tags: tags
  properties: {
    description: 'Disconnect requests were dead-lettered: transient failures on every delivery, or expired before processing.'
    severity: 2
    enabled: true
    scopes: [
      serviceBusNamespaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'DeadLetteredRequests'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                requestsQueueName
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Average'
        }
      ]
    }
    autoMitigate: true
    actions: empty(actionGroupId) ? [] : [
      {
        actionGroupId: actionGroupId
      }
    ]
  }
}

output appInsightsName string = appInsights.name
output appInsightsId string = appInsights.id
// Not a secret: an instrumentation key and ingestion endpoints. With DisableLocalAuth, ingestion also needs an
// Entra token (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
output appInsightsConnectionString string = appInsights.properties.ConnectionString
output workspaceId string = workspace.id
output workspaceName string = workspace.name
