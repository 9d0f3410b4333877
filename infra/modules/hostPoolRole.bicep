// Grants the app identity the user-session role on ONE host pool. main.bicep deploys this module once per host
// pool, into the host pool's own resource group (which may be in another subscription), so the assignment is
// scoped to the host pool itself: the identity can act on no other host pool.

@description('Name of the existing host pool (in the resource group this module is deployed to).')
param hostPoolName string
@description('Principal (object) id of the app\'s user-assigned managed identity.')
param principalId string
@description('GUID of the role to grant: Desktop Virtualization User Session Operator, or the custom role.')
param roleDefinitionGuid string

resource hostPool 'Microsoft.DesktopVirtualization/hostPools@2024-04-03' existing = {
  name: hostPoolName
}

resource userSessionRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostPool.id, principalId, roleDefinitionGuid)
  scope: hostPool
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionGuid)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'avd-session-disconnect: read and disconnect user sessions in this host pool'
  }
}

output hostPoolId string = hostPool.id
