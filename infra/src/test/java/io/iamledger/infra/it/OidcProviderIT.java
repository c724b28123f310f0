package io.iamledger.infra.it;

import static io.iamledger.infra.it.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * OpenID Connect providers through the AWS SDK: registered by issuer URL (one per URL), read, listed, their client
 * ids and thumbprints changed within AWS's limits, deleted.
 */
class OidcProviderIT {
    private static final String PRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
    private static final String OTHER_PRINT = "0123456789abcdef0123456789abcdef01234567";

    private final IamClient root = SharedLedger.iam();

    @Test
    void aProviderIsRegisteredChangedAndDeleted() {
        String host = SharedLedger.unique("idp") + ".example.com";
        String url = "https://" + host + "/tenant";
        Instant before = Instant.now().minusSeconds(2);
        var created = root.createOpenIDConnectProvider(r -> r.url(url).clientIDList("app", "app")
                .thumbprintList(PRINT).tags(Tag.builder().key("team").value("auth").build()));
        String arn = created.openIDConnectProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::" + SharedLedger.server().accountId() + ":oidc-provider/"
                + host + "/tenant");
        assertAwsError(() -> root.createOpenIDConnectProvider(r -> r.url(url).thumbprintList(PRINT)), 409,
                "EntityAlreadyExists", "Provider with url " + url + " already exists.");
        assertAwsError(() -> root.createOpenIDConnectProvider(r -> r.url("http://" + host)), 400, "InvalidInput",
                null);
        assertAwsError(() -> root.createOpenIDConnectProvider(r -> r.url("https://x." + host)
                .thumbprintList("abc")), 400, "InvalidInput", null);

        GetOpenIdConnectProviderResponse read = root.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(read.url()).isEqualTo(host + "/tenant");
        assertThat(read.clientIDList()).containsExactly("app");
        assertThat(read.thumbprintList()).containsExactly(PRINT);
        assertThat(read.createDate()).isAfter(before);
        assertThat(read.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(root.listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)).tags())
                .extracting(Tag::value).containsExactly("auth");
        assertThat(root.listOpenIDConnectProviders().openIDConnectProviderList())
                .extracting(OpenIDConnectProviderListEntry::arn).contains(arn);

        root.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("cli"));
        root.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("cli"));
        root.removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("app"));
        root.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn)
                .thumbprintList(OTHER_PRINT, PRINT));
        assertAwsError(() -> root.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn)
                .thumbprintList(PRINT, PRINT, PRINT, PRINT, PRINT, PRINT)), 409, "LimitExceeded", null);
        GetOpenIdConnectProviderResponse changed = root.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(changed.clientIDList()).containsExactly("cli");
        assertThat(changed.thumbprintList()).containsExactly(OTHER_PRINT, PRINT);
        assertThat(changed.createDate()).isEqualTo(read.createDate());

        root.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertAwsError(() -> root.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), 404,
                "NoSuchEntity", "OpenIDConnect Provider not found for arn " + arn);
        assertAwsError(() -> root.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), 404,
                "NoSuchEntity", null);
        assertThat(root.listOpenIDConnectProviders().openIDConnectProviderList())
                .extracting(OpenIDConnectProviderListEntry::arn).doesNotContain(arn);
        // the URL may be registered again
        String again = root.createOpenIDConnectProvider(r -> r.url(url)).openIDConnectProviderArn();
        assertThat(again).isEqualTo(arn);
        root.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
    }
}
