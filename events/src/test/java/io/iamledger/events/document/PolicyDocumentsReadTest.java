package io.iamledger.events.document;

import static io.iamledger.events.document.Policies.identity;
import static io.iamledger.events.document.Policies.json;
import static io.iamledger.events.document.Policies.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyDocumentsReadTest {

    @Test
    void readsEveryPartOfAnIdentityPolicy() {
        PolicyDocument document = identity(json("""
                {'Version':'2012-10-17','Id':'doc-1','Statement':[{
                  'Sid':'ReadBucket','Effect':'Allow',
                  'Action':['s3:GetObject','s3:List*'],
                  'Resource':'arn:aws:s3:::bucket/*',
                  'Condition':{'StringEquals':{'aws:PrincipalTag/Team':['blue','green']}}}]}
                """));

        assertThat(document.version()).isEqualTo(PolicyVersion.V2012_10_17);
        assertThat(document.id()).contains("doc-1");
        Statement statement = document.statements().get(0);
        assertThat(statement.index()).isZero();
        assertThat(statement.sid()).contains("ReadBucket");
        assertThat(statement.effect()).isEqualTo(Effect.ALLOW);
        assertThat(statement.principal()).isEmpty();
        assertThat(statement.action()).isEqualTo(new ActionBlock(false, List.of("s3:GetObject", "s3:List*")));
        assertThat(statement.resource()).contains(new ResourceBlock(false, List.of("arn:aws:s3:::bucket/*")));
        assertThat(statement.conditions()).containsExactly(new Condition(
                ConditionOperator.parse("StringEquals").orElseThrow(), "aws:PrincipalTag/Team", List.of("blue", "green")));
    }

    @Test
    void treatsMissingVersionAs20081017() {
        PolicyDocument document = identity(json("{'Statement':{'Effect':'Deny','Action':'*','Resource':'*'}}"));

        assertThat(document.version()).isEqualTo(PolicyVersion.V2008_10_17);
        assertThat(document.variablesEnabled()).isFalse();
    }

    @Test
    void acceptsVersion20081017WithVariablesInactive() {
        PolicyDocument document = identity(json(
                "{'Version':'2008-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::b/${aws:username}'}}"));

        assertThat(document.version()).isEqualTo(PolicyVersion.V2008_10_17);
        assertThat(document.variablesEnabled()).isFalse();
        assertThat(document.statements().get(0).resource().orElseThrow().resources())
                .containsExactly("arn:aws:s3:::b/${aws:username}");
    }

    @Test
    void acceptsVersion20121017WithVariablesActive() {
        PolicyDocument document = identity(statement("'Effect':'Allow','Action':'s3:*','Resource':'*'"));

        assertThat(document.version()).isEqualTo(PolicyVersion.V2012_10_17);
        assertThat(document.variablesEnabled()).isTrue();
    }

    @Test
    void treatsIdAndSidAsOptional() {
        PolicyDocument document = identity(statement("'Effect':'Allow','Action':'s3:*','Resource':'*'"));

        assertThat(document.id()).isEmpty();
        assertThat(document.statements().get(0).sid()).isEmpty();
        assertThat(document.statements().get(0).conditions()).isEmpty();
    }

    @Test
    void acceptsSingleStatementObject() {
        PolicyDocument document = identity(statement("'Effect':'Allow','Action':'s3:*','Resource':'*'"));

        assertThat(document.statements()).hasSize(1);
    }

    @Test
    void acceptsStatementArrayAndNumbersStatementsInOrder() {
        PolicyDocument document = identity(json("""
                {'Version':'2012-10-17','Statement':[
                  {'Sid':'A','Effect':'Allow','Action':'s3:*','Resource':'*'},
                  {'Sid':'B','Effect':'Deny','Action':'iam:*','Resource':'*'},
                  {'Sid':'C','Effect':'Allow','Action':'ec2:*','Resource':'*'}]}
                """));

        assertThat(document.statements()).extracting(Statement::index).containsExactly(0, 1, 2);
        assertThat(document.statements()).extracting(s -> s.sid().orElseThrow()).containsExactly("A", "B", "C");
        assertThat(document.statements()).extracting(Statement::effect)
                .containsExactly(Effect.ALLOW, Effect.DENY, Effect.ALLOW);
    }

    @Test
    void acceptsSingleActionAndResourceStrings() {
        Statement statement = identity(statement("'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/k'"))
                .statements().get(0);

        assertThat(statement.action().actions()).containsExactly("s3:GetObject");
        assertThat(statement.resource().orElseThrow().resources()).containsExactly("arn:aws:s3:::b/k");
    }

    @Test
    void acceptsActionAndResourceArrays() {
        Statement statement = identity(statement(
                "'Effect':'Allow','Action':['s3:GetObject','s3:PutObject'],'Resource':['arn:aws:s3:::a/*','arn:aws:s3:::b/*']"))
                .statements().get(0);

        assertThat(statement.action().actions()).containsExactly("s3:GetObject", "s3:PutObject");
        assertThat(statement.resource().orElseThrow().resources()).containsExactly("arn:aws:s3:::a/*", "arn:aws:s3:::b/*");
    }

    @Test
    void readsNotActionAndNotResourceAsNegatedBlocks() {
        Statement statement = identity(statement("'Effect':'Deny','NotAction':'iam:*','NotResource':['arn:aws:s3:::b']"))
                .statements().get(0);

        assertThat(statement.action()).isEqualTo(new ActionBlock(true, List.of("iam:*")));
        assertThat(statement.resource()).contains(new ResourceBlock(true, List.of("arn:aws:s3:::b")));
    }

    @Test
    void recordsStatementPositionsOfPrettyPrintedDocument() {
        String text = String.join("\n",
                "{",
                "    \"Version\": \"2012-10-17\",",
                "    \"Statement\": [{",
                "        \"Effect\": \"Allow\",",
                "        \"Action\": \"s3:*\",",
                "        \"Resource\": \"*\"",
                "    },",
                "    {",
                "        \"Effect\": \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"*\"",
                "    }]",
                "}");

        List<Statement> statements = identity(text).statements();

        assertThat(statements.get(0).start()).isEqualTo(new SourcePosition(3, 19));
        assertThat(statements.get(0).end()).isEqualTo(new SourcePosition(7, 6));
        assertThat(statements.get(1).start()).isEqualTo(new SourcePosition(8, 5));
        assertThat(statements.get(1).end()).isEqualTo(new SourcePosition(10, 6));
    }

    @Test
    void recordsStatementPositionsOnOneLine() {
        String text = json("{'Statement':{'Effect':'Allow','Action':'*','Resource':'*'}}");

        Statement statement = identity(text).statements().get(0);

        assertThat(statement.start()).isEqualTo(new SourcePosition(1, 14));
        assertThat(statement.end()).isEqualTo(new SourcePosition(1, text.length()));
    }

    @Test
    void countsCrLfAsOneLineInPositions() {
        String text = "{\r\n\"Statement\":\r\n  {\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}\r\n}";

        Statement statement = identity(text).statements().get(0);

        assertThat(statement.start()).isEqualTo(new SourcePosition(3, 3));
        assertThat(statement.end().line()).isEqualTo(3);
    }

    @Test
    void readsConditionValuesWrittenAsNumbersAndBooleansAsText() {
        Statement statement = identity(statement("""
                'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{
                  'NumericLessThan':{'s3:max-keys':[10, 1.50, -3]},
                  'Bool':{'aws:SecureTransport':true},
                  'StringEquals':{'s3:prefix':'home/'}}
                """)).statements().get(0);

        assertThat(statement.conditions()).extracting(Condition::values).containsExactly(
                List.of("10", "1.50", "-3"), List.of("true"), List.of("home/"));
    }

    @Test
    void acceptsSingleConditionValueAndValueArray() {
        Statement statement = identity(statement("""
                'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{
                  'StringLike':{'s3:prefix':'home/*','aws:UserAgent':['a*','b*']}}
                """)).statements().get(0);

        assertThat(statement.conditions()).extracting(Condition::values)
                .containsExactly(List.of("home/*"), List.of("a*", "b*"));
    }

    @Test
    void keepsConditionKeyAsWrittenAndExposesItLowerCased() {
        Condition condition = identity(statement(
                "'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{'StringEquals':{'AWS:PrincipalTag/Team':'x'}}"))
                .statements().get(0).conditions().get(0);

        assertThat(condition.key()).isEqualTo("AWS:PrincipalTag/Team");
        assertThat(condition.keyLowerCase()).isEqualTo("aws:principaltag/team");
    }

    @Test
    void flattensConditionBlocksIntoEntriesInDocumentOrder() {
        List<Condition> conditions = identity(statement("""
                'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{
                  'StringEquals':{'aws:username':'a','s3:prefix':'b'},
                  'IpAddressIfExists':{'aws:SourceIp':'10.0.0.0/8'}}
                """)).statements().get(0).conditions();

        assertThat(conditions).extracting(c -> c.operator().text() + " " + c.key()).containsExactly(
                "StringEquals aws:username", "StringEquals s3:prefix", "IpAddressIfExists aws:SourceIp");
    }

    @Test
    void acceptsEmptyConditionElementAndEmptyOperatorBlock() {
        Statement statement = identity(statement(
                "'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{'StringEquals':{}}")).statements().get(0);

        assertThat(statement.conditions()).isEmpty();
    }

    @Test
    void readsPrincipalStarAsAnyone() {
        Statement statement = Policies.read(
                statement("'Effect':'Allow','Principal':'*','Action':'sts:AssumeRole'"), PolicyKind.TRUST)
                .statements().get(0);

        assertThat(statement.principal()).contains(PrincipalBlock.anyone(false));
        assertThat(statement.resource()).isEmpty();
    }

    @Test
    void readsPrincipalValuesByTypeFromSingleStringsAndArrays() {
        PrincipalBlock principal = Policies.read(statement("""
                'Effect':'Allow','Action':'sts:AssumeRole','Principal':{
                  'Service':'ec2.amazonaws.com',
                  'AWS':['arn:aws:iam::123456789012:root','210987654321']}
                """), PolicyKind.TRUST).statements().get(0).principal().orElseThrow();

        assertThat(principal.negated()).isFalse();
        assertThat(principal.anyone()).isFalse();
        assertThat(principal.principals()).containsExactly(
                Map.entry(PrincipalType.AWS, List.of("arn:aws:iam::123456789012:root", "210987654321")),
                Map.entry(PrincipalType.SERVICE, List.of("ec2.amazonaws.com")));
        assertThat(principal.principals(PrincipalType.FEDERATED)).isEmpty();
    }

    @Test
    void readsNotPrincipalAsNegatedBlock() {
        PrincipalBlock principal = Policies.read(statement(
                "'Effect':'Deny','NotPrincipal':{'AWS':'123456789012'},'Action':'s3:*','Resource':'*'"),
                PolicyKind.RESOURCE).statements().get(0).principal().orElseThrow();

        assertThat(principal.negated()).isTrue();
        assertThat(principal.principals(PrincipalType.AWS)).containsExactly("123456789012");
    }

    @Test
    void returnsAnImmutableModel() {
        PolicyDocument document = identity(statement("'Effect':'Allow','Action':'s3:*','Resource':'*'"));

        assertThatThrownBy(() -> document.statements().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> document.statements().get(0).action().actions().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(document).isEqualTo(identity(statement("'Effect':'Allow','Action':'s3:*','Resource':'*'")));
        assertThat(document.id()).isEqualTo(Optional.empty());
    }
}
