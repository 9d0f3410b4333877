// The Function App on the Flex Consumption plan (Linux, FC1), running as the user-assigned identity.
// No secrets: the host, the deployment package, Service Bus and telemetry all use that identity, and basic
// (publishing profile) authentication is off.

param planName string
param name string
param location string
param tags object
@description('Resource id of the user-assigned managed identity.')
param identityId string
@description('Blob container URL the platform deploys the app package from.')
param deploymentContainerUrl string
@allowed([
  '17'
  '21'
])
param javaVersion string
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int
@description('The app settings, as built in main.bicep.')
param appSettings object

@description('Require an Entra ID token on every HTTP request (App Service authentication), on top of the function key.')
param requireEntraAuth bool
@description('Client id of the app registration that represents this API (the token audience).')
param entraApiClientId string
@description('Accepted token audiences; empty: api://{entraApiClientId} and the client id itself.')
param entraAllowedAudiences array
@description('Client (application) ids allowed to call, e.g. the automation\'s managed identity client id; empty: any application in the tenant.')
param entraAllowedClientApplications array

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'java'
        version: javaVersion
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

// No publishing-profile (basic auth) credentials: deployments authenticate with Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

// Bearer-token validation only: no client secret is needed (nothing signs users in interactively).
resource entraAuth 'Microsoft.Web/sites/config@2024-04-01' = if (requireEntraAuth) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraApiClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: empty(entraAllowedAudiences) ? [
            'api://${entraApiClientId}'
            entraApiClientId
          ] : entraAllowedAudiences
          defaultAuthorizationPolicy: {
            allowedApplications: entraAllowedClientApplications
          }
        }
      }
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
