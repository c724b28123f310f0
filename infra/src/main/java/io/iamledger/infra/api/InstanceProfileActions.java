package io.iamledger.infra.api;

import io.iamledger.command.instanceprofile.AddRoleToInstanceProfileCommand;
import io.iamledger.command.instanceprofile.CreateInstanceProfileCommand;
import io.iamledger.command.instanceprofile.DeleteInstanceProfileCommand;
import io.iamledger.command.instanceprofile.RemoveRoleFromInstanceProfileCommand;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.readmodel.IamReadModel;
import io.iamledger.query.readmodel.InstanceProfile;
import io.iamledger.query.readmodel.Page;
import java.util.List;

/**
 * Instance profiles: Create/Get/List/Delete, ListInstanceProfilesForRole, AddRoleToInstanceProfile (one role per
 * profile) and RemoveRoleFromInstanceProfile. Writes go to the profile's aggregate; reads come from the temporal
 * read model.
 */
final class InstanceProfileActions {
    private final CommandSender commands;
    private final Edge edge;
    private final IdGenerator ids;
    private final IamReadModel readModel;

    InstanceProfileActions(CommandSender commands, Edge edge, IdGenerator ids, IamReadModel readModel) {
        this.commands = commands;
        this.edge = edge;
        this.ids = ids;
        this.readModel = readModel;
    }

    void register(Actions actions) {
        actions.write(QueryService.IAM, "CreateInstanceProfile", this::create)
                .write(QueryService.IAM, "DeleteInstanceProfile", this::delete)
                .write(QueryService.IAM, "AddRoleToInstanceProfile", this::addRole)
                .write(QueryService.IAM, "RemoveRoleFromInstanceProfile", this::removeRole)
                .read(QueryService.IAM, "GetInstanceProfile", this::get)
                .read(QueryService.IAM, "ListInstanceProfiles", this::list)
                .read(QueryService.IAM, "ListInstanceProfilesForRole", this::listForRole)
                .read(QueryService.IAM, "ListInstanceProfileTags", call -> call.finish(Shapes.tagList(call.result(),
                        readModel.getInstanceProfile(call.accountId(),
                                call.parameters().requiredString("InstanceProfileName")).tags())));
    }

    private String create(ApiCall call) {
        QueryParameters p = call.parameters();
        String name = p.requiredString("InstanceProfileName");
        String path = Edge.path(p);
        List<Tag> tags = Edge.tags(p);
        String id = ids.instanceProfileId();
        commands.send(call.accountId(), new CreateInstanceProfileCommand(call.accountId(), id, name, path, tags,
                call.receivedAt()));
        XmlResponseWriter out = call.result().start("InstanceProfile");
        Shapes.instanceProfile(out, new InstanceProfile(path, name, id,
                Arn.instanceProfile(call.accountId(), path, name).toString(), call.receivedAt(), List.of(), tags));
        return call.finish(out.end());
    }

    private String delete(ApiCall call) {
        String name = call.parameters().requiredString("InstanceProfileName");
        commands.send(call.accountId(), new DeleteInstanceProfileCommand(call.accountId(),
                edge.instanceProfileId(call.accountId(), name), name, call.receivedAt()));
        return call.noResult();
    }

    private String addRole(ApiCall call) {
        QueryParameters p = call.parameters();
        String name = p.requiredString("InstanceProfileName");
        String roleName = p.requiredString("RoleName");
        commands.send(call.accountId(), new AddRoleToInstanceProfileCommand(call.accountId(),
                edge.instanceProfileId(call.accountId(), name), name, roleName, call.receivedAt()));
        return call.noResult();
    }

    private String removeRole(ApiCall call) {
        QueryParameters p = call.parameters();
        String name = p.requiredString("InstanceProfileName");
        String roleName = p.requiredString("RoleName");
        commands.send(call.accountId(), new RemoveRoleFromInstanceProfileCommand(call.accountId(),
                edge.instanceProfileId(call.accountId(), name), name, roleName, call.receivedAt()));
        return call.noResult();
    }

    private String get(ApiCall call) {
        InstanceProfile profile = readModel.getInstanceProfile(call.accountId(),
                call.parameters().requiredString("InstanceProfileName"));
        XmlResponseWriter out = call.result().start("InstanceProfile");
        Shapes.instanceProfile(out, profile);
        return call.finish(out.end());
    }

    private String list(ApiCall call) {
        Page<InstanceProfile> page = readModel.listInstanceProfiles(call.accountId(),
                call.parameters().optionalString("PathPrefix").orElse("/"), ReadActions.page(call));
        return call.finish(Shapes.paging(call.result().list("InstanceProfiles", page.items(),
                Shapes::instanceProfile), page));
    }

    private String listForRole(ApiCall call) {
        Page<InstanceProfile> page = readModel.listInstanceProfilesForRole(call.accountId(),
                call.parameters().requiredString("RoleName"), ReadActions.page(call));
        return call.finish(Shapes.paging(call.result().list("InstanceProfiles", page.items(),
                Shapes::instanceProfile), page));
    }
}
