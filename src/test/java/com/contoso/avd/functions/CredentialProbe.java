package com.contoso.avd.functions;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.app.AzureServices;
import java.time.Duration;
import java.util.Map;

/**
 * Run by {@link FunctionPackageCredentialIT} in a JVM whose class path is the Function package: the credentials the
 * app builds must work with only the libraries deployed. Prints what it built and the token it got.
 */
public final class CredentialProbe {
    private CredentialProbe() {
    }

    public static void main(String[] args) {
        TokenCredential managed = AzureServices.credential(AppSettings.fromEnvironment());
        System.out.println("managed=" + managed.getClass().getSimpleName());
        AccessToken token = managed.getToken(new TokenRequestContext().addScopes("https://management.azure.com/.default"))
                .block(Duration.ofSeconds(30));
        System.out.println("token=" + (token == null ? null : token.getToken()));
        // Outside Azure: only built, since asking it for a token would probe the instance metadata endpoint.
        System.out.println("fallback=" + AzureServices.credential(new AppSettings(Map.of())).getClass().getSimpleName());
    }
}
