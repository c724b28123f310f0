package io.iamledger.events.document;

import static io.iamledger.events.document.Policies.identity;
import static io.iamledger.events.document.Policies.identityRejection;
import static io.iamledger.events.document.Policies.json;
import static io.iamledger.events.document.Policies.read;
import static io.iamledger.events.document.Policies.rejection;
import static io.iamledger.events.document.Policies.statement;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules AWS applies to syntactically valid documents: Sids, actions, resources and what each policy kind allows. */
class PolicyDocumentsGrammarTest {

    private static String trustStatement(String members) {
        return statement("'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com'}," + members);
    }

    // --- Sid

    @Test
    void rejectsDuplicateSidsNamingBothStatements() {
        String text = json("""
                {'Statement':[{'Sid':'Same','Effect':'Allow','Action':'s3:*','Resource':'*'},
                              {'Sid':'Other','Effect':'Allow','Action':'s3:*','Resource':'*'},
                              {'Sid':'Same','Effect':'Deny','Action':'s3:*','Resource':'*'}]}
                """);

        assertThat(identityRejection(text)).isEqualTo("Statement IDs (SID) in a single policy must be unique. "
                + "(Sid \"Same\" in Statement[0] and Statement[2])");
    }

    @Test
    void allowsRepeatedEmptySids() {
        String text = json("""
                {'Statement':[{'Sid':'','Effect':'Allow','Action':'s3:*','Resource':'*'},
                              {'Sid':'','Effect':'Allow','Action':'s3:*','Resource':'*'}]}
                """);

        assertThat(identity(text).statements()).extracting(s -> s.sid().orElseThrow()).containsExactly("", "");
    }

    @Test
    void rejectsNonAlphanumericSidInIdentityPolicy() {
        assertThat(identityRejection(statement("'Sid':'Read bucket','Effect':'Allow','Action':'s3:*','Resource':'*'")))
                .isEqualTo("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
                        + "expression [0-9A-Za-z]* (found \"Read bucket\" at Statement.Sid)");
    }

    @Test
    void rejectsNonAlphanumericSidInTrustPolicy() {
        assertThat(rejection(trustStatement("'Sid':'trust-ec2','Action':'sts:AssumeRole'"), PolicyKind.TRUST))
                .startsWith("Statement IDs (SID) must be alpha-numeric.");
    }

    @Test
    void acceptsFreeTextSidInResourcePolicy() {
        PolicyDocument document = read(statement(
                "'Sid':'Allow read: everyone','Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'*'"),
                PolicyKind.RESOURCE);

        assertThat(document.statements().get(0).sid()).contains("Allow read: everyone");
    }

    // --- Principal per kind

    @Test
    void rejectsPrincipalInIdentityPolicy() {
        assertThat(identityRejection(statement("'Sid':'S1','Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*'")))
                .isEqualTo("Policy document should not specify a principal. (in Statement, Sid \"S1\")");
    }

    @Test
    void rejectsNotPrincipalInIdentityPolicy() {
        assertThat(identityRejection(statement(
                "'Effect':'Deny','NotPrincipal':{'AWS':'123456789012'},'Action':'s3:*','Resource':'*'")))
                .isEqualTo("Policy document should not specify a principal. (in Statement)");
    }

    @Test
    void requiresPrincipalInTrustPolicy() {
        assertThat(rejection(statement("'Effect':'Allow','Action':'sts:AssumeRole'"), PolicyKind.TRUST))
                .isEqualTo("Missing required field Principal (in Statement)");
    }

    @Test
    void requiresPrincipalInResourcePolicy() {
        assertThat(rejection(json("{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':'*'}]}"), PolicyKind.RESOURCE))
                .isEqualTo("Missing required field Principal (in Statement[0])");
    }

    @Test
    void acceptsNotPrincipalInResourcePolicy() {
        PolicyDocument document = read(statement(
                "'Effect':'Deny','NotPrincipal':{'AWS':'arn:aws:iam::123456789012:role/admin'},'Action':'s3:*','Resource':'*'"),
                PolicyKind.RESOURCE);

        assertThat(document.statements().get(0).principal().orElseThrow().negated()).isTrue();
    }

    // --- Action presence and shape

    @ParameterizedTest
    @EnumSource(PolicyKind.class)
    void requiresActionsInEveryKind(PolicyKind kind) {
        String principal = kind == PolicyKind.IDENTITY ? "" : "'Principal':'*',";
        String resource = kind == PolicyKind.TRUST ? "" : ",'Resource':'*'";

        assertThat(rejection(statement(principal + "'Effect':'Allow'" + resource), kind))
                .isEqualTo("Policy statement must contain actions. (in Statement)");
    }

    @Test
    void rejectsEmptyActionArray() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':[],'Resource':'*'")))
                .isEqualTo("Policy statement must contain actions. (in Statement)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "s3:GetObject", "s3:Get*", "s3:?etObject", "S3:getobject", "*:*", "execute-api:Invoke",
        "aws-portal:View*", "s3:*"})
    void acceptsActionPatterns(String action) {
        assertThat(identity(statement("'Effect':'Allow','Action':'" + action + "','Resource':'*'"))
                .statements().get(0).action().actions()).containsExactly(action);
    }

    @Test
    void rejectsActionWithoutVendor() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':['s3:GetObject','GetObject'],'Resource':'*'")))
                .isEqualTo("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. "
                        + "(found \"GetObject\" at Statement.Action)");
    }

    @Test
    void rejectsActionWithEmptyVendor() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':':GetObject','Resource':'*'")))
                .startsWith("Actions/Conditions must be prefaced by a vendor");
    }

    @Test
    void rejectsActionWithTwoColons() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:Get:Object','Resource':'*'")))
                .isEqualTo("Actions/Condition can contain only one colon. (found \"s3:Get:Object\" at Statement.Action)");
    }

    @Test
    void rejectsVendorWithWildcardOrOtherCharacters() {
        assertThat(identityRejection(statement("'Effect':'Allow','NotAction':'s3*:Get','Resource':'*'")))
                .isEqualTo("Vendor s3* is not valid (at Statement.NotAction)");
    }

    @Test
    void rejectsActionWithoutNameAfterVendor() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:','Resource':'*'")))
                .isEqualTo("Syntax errors in policy. (action \"s3:\" has no name after the vendor at Statement.Action)");
    }

    // --- Resource presence and shape

    @Test
    void requiresResourcesInIdentityPolicy() {
        assertThat(identityRejection(statement("'Sid':'NoResource','Effect':'Allow','Action':'s3:*'")))
                .isEqualTo("Policy statement must contain resources. (in Statement, Sid \"NoResource\")");
    }

    @Test
    void rejectsEmptyResourceArray() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','Resource':[]")))
                .isEqualTo("Policy statement must contain resources. (in Statement)");
    }

    @Test
    void allowsResourcePolicyStatementWithoutResource() {
        PolicyDocument document = read(statement("'Effect':'Allow','Principal':{'AWS':'*'},'Action':'sqs:SendMessage'"),
                PolicyKind.RESOURCE);

        assertThat(document.statements().get(0).resource()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*", "arn:aws:iam::123456789012:user/*",
        "arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-1", "arn:aws:dynamodb:*:*:table/Orders",
        "arn:*:s3:::b", "arn:aws:s3:::b/${aws:username}/*", "arn:aws:logs:us-east-1:123456789012:log-group:/a:*"})
    void acceptsResourcesInArnFormat(String resource) {
        assertThat(identity(statement("'Effect':'Allow','Action':'s3:*','Resource':'" + resource + "'"))
                .statements().get(0).resource().orElseThrow().resources()).containsExactly(resource);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bucket", "ARN:aws:s3:::b"})
    void rejectsResourceNotInArnFormat(String resource) {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','Resource':['*','" + resource + "']")))
                .isEqualTo("Resource " + resource + " must be in ARN format or \"*\". (at Statement.Resource)");
    }

    @Test
    void rejectsUnknownPartition() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','NotResource':'arn:amazon:s3:::b'")))
                .isEqualTo("Partition \"amazon\" is not valid for resource \"arn:amazon:s3:::b\". (at Statement.NotResource)");
    }

    @Test
    void rejectsWildcardInResourceService() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3*:::b'")))
                .isEqualTo("Resource vendor must be fully qualified and cannot contain regexes. "
                        + "(found \"arn:aws:s3*:::b\" at Statement.Resource)");
    }

    // --- Trust policies

    @ParameterizedTest
    @ValueSource(strings = {"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession",
        "sts:SetSourceIdentity", "sts:SetContext", "sts:assumerole", "sts:*", "sts:AssumeRole*", "*"})
    void acceptsTrustPolicyActionsThatAssumeRolesOrPassSessionData(String action) {
        PolicyDocument document = read(trustStatement("'Action':'" + action + "'"), PolicyKind.TRUST);

        assertThat(document.statements().get(0).action().actions()).containsExactly(action);
    }

    @Test
    void rejectsOtherActionsInTrustPolicy() {
        assertThat(rejection(trustStatement("'Action':['sts:AssumeRole','s3:GetObject']"), PolicyKind.TRUST))
                .isEqualTo("Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML, "
                        + "sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext. "
                        + "(found \"s3:GetObject\" at Statement.Action)");
    }

    @Test
    void rejectsResourceInTrustPolicy() {
        assertThat(rejection(trustStatement("'Action':'sts:AssumeRole','Resource':'*'"), PolicyKind.TRUST))
                .isEqualTo("Has prohibited field Resource. (in Statement)");
    }

    @Test
    void rejectsNotResourceInTrustPolicy() {
        assertThat(rejection(trustStatement("'Action':'sts:AssumeRole','NotResource':'*'"), PolicyKind.TRUST))
                .isEqualTo("Has prohibited field NotResource. (in Statement)");
    }

    @Test
    void acceptsTypicalTrustPolicyWithVersion20081017() {
        PolicyDocument document = read(json("""
                {'Version':'2008-10-17','Statement':[{'Effect':'Allow',
                  'Principal':{'Federated':'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'},
                  'Action':['sts:AssumeRoleWithWebIdentity','sts:TagSession'],
                  'Condition':{'StringLike':{'token.actions.githubusercontent.com:sub':'repo:org/*'}}}]}
                """), PolicyKind.TRUST);

        assertThat(document.version()).isEqualTo(PolicyVersion.V2008_10_17);
        assertThat(document.statements().get(0).principal().orElseThrow().principals(PrincipalType.FEDERATED)).hasSize(1);
    }

    // --- Principal values

    @ParameterizedTest
    @ValueSource(strings = {"*", "123456789012", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/alice",
        "arn:aws:iam::123456789012:user/division/team/alice", "arn:aws:iam::123456789012:role/service-role/My.Role_1",
        "arn:aws:sts::123456789012:assumed-role/admin/alice@example.com", "arn:aws:sts::123456789012:federated-user/bob",
        "arn:aws-us-gov:iam::123456789012:root"})
    void acceptsAwsPrincipals(String principal) {
        PolicyDocument document = read(statement("'Effect':'Allow','Principal':{'AWS':'" + principal + "'},'Action':'sts:AssumeRole'"),
                PolicyKind.TRUST);

        assertThat(document.statements().get(0).principal().orElseThrow().principals(PrincipalType.AWS)).containsExactly(principal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "12345678901", "1234567890123", "arn:aws:iam::123456789012:group/devs",
        "arn:aws:iam::123456789012:role/*", "arn:aws:iam::*:root", "arn:aws:iam::123456789012:user/",
        "arn:aws:iam:us-east-1:123456789012:root", "arn:aws:sts::123456789012:assumed-role/admin",
        "arn:aws:s3:::bucket", "arn:aws:iam::123456789012:ROOT", ""})
    void rejectsMalformedAwsPrincipals(String principal) {
        assertThat(rejection(statement("'Effect':'Allow','Principal':{'AWS':['*','" + principal + "']},'Action':'sts:AssumeRole'"),
                PolicyKind.TRUST)).isEqualTo("Invalid principal in policy: \"AWS\":\"" + principal + "\" (at Statement.Principal.AWS)");
    }

    @Test
    void acceptsServiceFederatedAndCanonicalUserPrincipals() {
        PrincipalBlock principal = read(statement("""
                'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Principal':{
                  'Service':['lambda.amazonaws.com','states.us-east-1.amazonaws.com'],
                  'Federated':['cognito-identity.amazonaws.com','arn:aws:iam::123456789012:saml-provider/Okta'],
                  'CanonicalUser':'79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'}
                """), PolicyKind.RESOURCE).statements().get(0).principal().orElseThrow();

        assertThat(principal.principals().keySet())
                .containsExactly(PrincipalType.SERVICE, PrincipalType.FEDERATED, PrincipalType.CANONICAL_USER);
    }

    @Test
    void rejectsMalformedServicePrincipal() {
        assertThat(rejection(statement("'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com '},'Action':'sts:AssumeRole'"),
                PolicyKind.TRUST)).isEqualTo("Invalid principal in policy: \"Service\":\"ec2.amazonaws.com \" (at Statement.Principal.Service)");
    }

    @Test
    void rejectsMalformedCanonicalUser() {
        assertThat(rejection(statement("'Effect':'Allow','Principal':{'CanonicalUser':'abc'},'Action':'s3:*'"),
                PolicyKind.RESOURCE)).startsWith("Invalid principal in policy: \"CanonicalUser\":\"abc\"");
    }

    @Test
    void rejectsUnknownPrincipalType() {
        assertThat(rejection(statement("'Effect':'Allow','Principal':{'aws':'*'},'Action':'sts:AssumeRole'"), PolicyKind.TRUST))
                .isEqualTo("Syntax errors in policy. (unknown principal type \"aws\" in Statement.Principal; "
                        + "use AWS, Service, Federated or CanonicalUser)");
    }

    @Test
    void rejectsPrincipalStringOtherThanStar() {
        assertThat(rejection(statement("'Effect':'Allow','Principal':'123456789012','Action':'sts:AssumeRole'"), PolicyKind.TRUST))
                .isEqualTo("Syntax errors in policy. (Statement.Principal must be \"*\" or an object of principal types)");
    }

    @Test
    void rejectsEmptyPrincipalObjectAndEmptyPrincipalList() {
        assertThat(rejection(statement("'Effect':'Allow','Principal':{},'Action':'sts:AssumeRole'"), PolicyKind.TRUST))
                .isEqualTo("Syntax errors in policy. (Statement.Principal is empty)");
        assertThat(rejection(statement("'Effect':'Allow','Principal':{'AWS':[]},'Action':'sts:AssumeRole'"), PolicyKind.TRUST))
                .isEqualTo("Syntax errors in policy. (Statement.Principal.AWS is empty)");
    }
}
