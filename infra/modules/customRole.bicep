// Optional: a custom role with only what the app does to user sessions, for tenants that want less than the
// built-in Desktop Virtualization User Session Operator (which also reads host pools and session hosts, the
// resource group and deployments, and manages alert rules and support tickets).
targetScope = 'subscription'

@description('Role name; unique in the tenant.')
param roleName string
@description('Scopes the role may be assigned at: the subscriptions holding the host pools.')
param assignableScopes array

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, roleName)
  properties: {
    roleName: roleName
    description: 'avd-session-disconnect: read, disconnect and message AVD user sessions, and read session hosts (drain mode); nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.DesktopVirtualization/hostpools/sessionhosts/usersessions/read'
          // Drain mode, for cleanup rules with onlyDrainedHosts.
          'Microsoft.DesktopVirtualization/hostpools/sessionhosts/read'
          'Microsoft.DesktopVirtualization/hostpools/sessionhosts/usersessions/disconnect/action'
          'Microsoft.DesktopVirtualization/hostpools/sessionhosts/usersessions/sendMessage/action'
        ]
        notActions: []
      }
    ]
    assignableScopes: assignableScopes
  }
}

output roleDefinitionGuid string = role.name
