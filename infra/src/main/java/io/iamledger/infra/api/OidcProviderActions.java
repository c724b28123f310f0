package io.iamledger.infra.api;

import io.iamledger.command.oidc.AddClientIdCommand;
import io.iamledger.command.oidc.CreateOpenIdConnectProviderCommand;
import io.iamledger.command.oidc.DeleteOpenIdConnectProviderCommand;
import io.iamledger.command.oidc.OpenIdConnectProviderAggregate;
import io.iamledger.command.oidc.RemoveClientIdCommand;
import io.iamledger.command.oidc.UpdateThumbprintsCommand;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.readmodel.IamReadModel;
import io.iamledger.query.readmodel.OpenIdConnectProvider;
import java.util.List;

/**
 * OpenID Connect providers: Create/Get/List/DeleteOpenIDConnectProvider, Add/RemoveClientID and
 * UpdateOpenIDConnectProviderThumbprint. Writes go to the provider's aggregate; reads come from the temporal read
 * model. Nothing is fetched from the provider: its signing keys are configured as data.
 */
final class OidcProviderActions {
    private final CommandSender commands;
    private final Edge edge;
    private final IdGenerator ids;
    private final IamReadModel readModel;

    OidcProviderActions(CommandSender commands, Edge edge, IdGenerator ids, IamReadModel readModel) {
        this.commands = commands;
        this.edge = edge;
        this.ids = ids;
        this.readModel = readModel;
    }

    void register(Actions actions) {
        actions.write(QueryService.IAM, "CreateOpenIDConnectProvider", this::create)
                .write(QueryService.IAM, "DeleteOpenIDConnectProvider", this::delete)
                .write(QueryService.IAM, "AddClientIDToOpenIDConnectProvider", this::addClientId)
                .write(QueryService.IAM, "RemoveClientIDFromOpenIDConnectProvider", this::removeClientId)
                .write(QueryService.IAM, "UpdateOpenIDConnectProviderThumbprint", this::updateThumbprints)
                .read(QueryService.IAM, "GetOpenIDConnectProvider", this::get)
                .read(QueryService.IAM, "ListOpenIDConnectProviders", this::list)
                .read(QueryService.IAM, "ListOpenIDConnectProviderTags", call -> call.finish(Shapes.tagList(
                        call.result(), readModel.getOpenIdConnectProvider(call.accountId(),
                                call.parameters().requiredString("OpenIDConnectProviderArn")).tags())));
    }

    private String create(ApiCall call) {
        QueryParameters p = call.parameters();
        String url = p.requiredString("Url");
        List<Tag> tags = Edge.tags(p);
        commands.send(call.accountId(), new CreateOpenIdConnectProviderCommand(call.accountId(),
                ids.oidcProviderId(), url, p.stringList("ClientIDList"), p.stringList("ThumbprintList"), tags,
                call.receivedAt()));
        XmlResponseWriter out = call.result().element("OpenIDConnectProviderArn",
                OpenIdConnectProviderAggregate.arnFor(call.accountId(), url));
        Shapes.tags(out, tags);
        return call.finish(out);
    }

    private String delete(ApiCall call) {
        String arn = call.parameters().requiredString("OpenIDConnectProviderArn");
        commands.send(call.accountId(), new DeleteOpenIdConnectProviderCommand(call.accountId(),
                edge.oidcProviderId(call.accountId(), arn), arn, call.receivedAt()));
        return call.noResult();
    }

    private String addClientId(ApiCall call) {
        QueryParameters p = call.parameters();
        String arn = p.requiredString("OpenIDConnectProviderArn");
        commands.send(call.accountId(), new AddClientIdCommand(call.accountId(),
                edge.oidcProviderId(call.accountId(), arn), arn, p.requiredString("ClientID"), call.receivedAt()));
        return call.noResult();
    }

    private String removeClientId(ApiCall call) {
        QueryParameters p = call.parameters();
        String arn = p.requiredString("OpenIDConnectProviderArn");
        commands.send(call.accountId(), new RemoveClientIdCommand(call.accountId(),
                edge.oidcProviderId(call.accountId(), arn), arn, p.requiredString("ClientID"), call.receivedAt()));
        return call.noResult();
    }

    private String updateThumbprints(ApiCall call) {
        QueryParameters p = call.parameters();
        String arn = p.requiredString("OpenIDConnectProviderArn");
        commands.send(call.accountId(), new UpdateThumbprintsCommand(call.accountId(),
                edge.oidcProviderId(call.accountId(), arn), arn, p.stringList("ThumbprintList"),
                call.receivedAt()));
        return call.noResult();
    }

    private String get(ApiCall call) {
        OpenIdConnectProvider provider = readModel.getOpenIdConnectProvider(call.accountId(),
                call.parameters().requiredString("OpenIDConnectProviderArn"));
        XmlResponseWriter out = call.result().element("Url", provider.url())
                .stringList("ClientIDList", provider.clientIds())
                .stringList("ThumbprintList", provider.thumbprints())
                .element("CreateDate", provider.createDate());
        Shapes.tags(out, provider.tags());
        return call.finish(out);
    }

    private String list(ApiCall call) {
        return call.finish(call.result().list("OpenIDConnectProviderList",
                readModel.listOpenIdConnectProviders(call.accountId()),
                (member, provider) -> member.element("Arn", provider.arn())));
    }
}
