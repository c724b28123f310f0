package io.iamledger.infra.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The resources an IAM call names, as CloudTrail's {@code LookupEvents} lists them: users, groups and roles by
 * name, policies by ARN, access keys by id.
 */
final class Resources {
    record Named(String type, String name) {}

    private static final List<Map.Entry<String, String>> PARAMETERS = List.of(
            Map.entry("userName", "AWS::IAM::User"),
            Map.entry("newUserName", "AWS::IAM::User"),
            Map.entry("groupName", "AWS::IAM::Group"),
            Map.entry("newGroupName", "AWS::IAM::Group"),
            Map.entry("roleName", "AWS::IAM::Role"),
            Map.entry("policyArn", "AWS::IAM::Policy"),
            Map.entry("permissionsBoundary", "AWS::IAM::Policy"),
            Map.entry("accessKeyId", "AWS::IAM::AccessKey"),
            Map.entry("roleArn", "AWS::IAM::Role"));

    private Resources() {}

    /** @param parameters the request's parameters as {@code QueryParameters.asTree()} gives them */
    static List<Named> named(Map<String, Object> parameters) {
        List<Named> named = new ArrayList<>(2);
        for (Map.Entry<String, String> parameter : PARAMETERS) {
            if (parameters.get(parameter.getKey()) instanceof String value && !value.isEmpty()) {
                named.add(new Named(parameter.getValue(), value));
            }
        }
        return named;
    }
}
