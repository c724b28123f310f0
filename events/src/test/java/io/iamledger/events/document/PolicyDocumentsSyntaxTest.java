package io.iamledger.events.document;

import static io.iamledger.events.document.Policies.identity;
import static io.iamledger.events.document.Policies.identityRejection;
import static io.iamledger.events.document.Policies.json;
import static io.iamledger.events.document.Policies.statement;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDocumentsSyntaxTest {
    private static final String VALID_STATEMENT = "'Effect':'Allow','Action':'s3:*','Resource':'*'";

    @Test
    void rejectsNullDocument() {
        assertThat(identityRejection(null)).isEqualTo("Syntax errors in policy. (the document is empty)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void rejectsEmptyDocument(String text) {
        assertThat(identityRejection(text)).isEqualTo("Syntax errors in policy. (the document is empty)");
    }

    @Test
    void rejectsInvalidJsonNamingLineAndColumn() {
        assertThat(identityRejection("{\n  \"Version\": 2012-10-17\n}"))
                .startsWith("Syntax errors in policy. (invalid JSON at line 2");
    }

    @Test
    void rejectsTruncatedJson() {
        String text = statement(VALID_STATEMENT);

        assertThat(identityRejection(text.substring(0, text.length() - 2))).startsWith("Syntax errors in policy. (invalid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"policy\"", "42", "null", "true"})
    void rejectsRootThatIsNotAnObject(String text) {
        assertThat(identityRejection(text)).isEqualTo("Syntax errors in policy. (the document must be a JSON object)");
    }

    @Test
    void rejectsContentAfterTheRootObject() {
        assertThat(identityRejection(statement(VALID_STATEMENT) + " {}"))
                .startsWith("Syntax errors in policy. (unexpected content after the policy object at line 1");
    }

    @Test
    void rejectsCommentsInJson() {
        assertThat(identityRejection("// policy\n" + statement(VALID_STATEMENT))).startsWith("Syntax errors in policy.");
    }

    @Test
    void rejectsDuplicateTopLevelKey() {
        assertThat(identityRejection(json("{'Version':'2012-10-17','Version':'2012-10-17','Statement':{" + VALID_STATEMENT + "}}")))
                .isEqualTo("Syntax errors in policy. (duplicate field \"Version\" in the policy)");
    }

    @Test
    void rejectsDuplicateStatementKey() {
        assertThat(identityRejection(json("{'Statement':[{" + VALID_STATEMENT + ",'Action':'ec2:*'}]}")))
                .isEqualTo("Syntax errors in policy. (duplicate field \"Action\" in Statement[0])");
    }

    @Test
    void rejectsDuplicateConditionKey() {
        assertThat(identityRejection(statement(VALID_STATEMENT
                + ",'Condition':{'StringEquals':{'aws:username':'a','aws:username':'b'}}")))
                .isEqualTo("Syntax errors in policy. (duplicate field \"aws:username\" in Statement.Condition.StringEquals)");
    }

    @Test
    void rejectsUnknownTopLevelField() {
        assertThat(identityRejection(json("{'Version':'2012-10-17','Statements':[]}")))
                .isEqualTo("Syntax errors in policy. (unknown field \"Statements\" in the policy)");
    }

    @Test
    void rejectsUnknownStatementField() {
        assertThat(identityRejection(json("{'Statement':[{" + VALID_STATEMENT + "},{" + VALID_STATEMENT + ",'Actions':'x'}]}")))
                .isEqualTo("Syntax errors in policy. (unknown field \"Actions\" in Statement[1])");
    }

    @Test
    void rejectsFieldNamesInTheWrongCase() {
        assertThat(identityRejection(statement("'effect':'Allow','Action':'s3:*','Resource':'*'")))
                .isEqualTo("Syntax errors in policy. (unknown field \"effect\" in Statement)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2012-10-18", "2012-10-17 ", "latest", ""})
    void rejectsUnknownVersion(String version) {
        assertThat(identityRejection(json("{'Version':'" + version + "','Statement':{" + VALID_STATEMENT + "}}")))
                .startsWith("Syntax errors in policy. (Version must be \"2012-10-17\" or \"2008-10-17\", found");
    }

    @Test
    void rejectsVersionThatIsNotAString() {
        assertThat(identityRejection(json("{'Version':20121017,'Statement':{" + VALID_STATEMENT + "}}")))
                .isEqualTo("Syntax errors in policy. (Version must be a string)");
    }

    @Test
    void rejectsIdThatIsNotAString() {
        assertThat(identityRejection(json("{'Id':['a'],'Statement':{" + VALID_STATEMENT + "}}")))
                .isEqualTo("Syntax errors in policy. (Id must be a string)");
    }

    @Test
    void rejectsMissingStatement() {
        assertThat(identityRejection(json("{'Version':'2012-10-17'}")))
                .isEqualTo("Syntax errors in policy. (the policy has no Statement)");
    }

    @Test
    void rejectsEmptyStatementArray() {
        assertThat(identityRejection(json("{'Version':'2012-10-17','Statement':[]}")))
                .isEqualTo("Syntax errors in policy. (Statement is empty)");
    }

    @Test
    void rejectsStatementThatIsNeitherObjectNorArray() {
        assertThat(identityRejection(json("{'Statement':'Allow everything'}")))
                .isEqualTo("Syntax errors in policy. (Statement must be an object or an array of objects)");
    }

    @Test
    void rejectsStatementArrayItemThatIsNotAnObject() {
        assertThat(identityRejection(json("{'Statement':[{" + VALID_STATEMENT + "},[]]}")))
                .isEqualTo("Syntax errors in policy. (Statement[1] must be an object)");
    }

    @Test
    void rejectsStatementWithoutEffect() {
        assertThat(identityRejection(statement("'Action':'s3:*','Resource':'*'")))
                .isEqualTo("Syntax errors in policy. (Statement has no Effect)");
    }

    @Test
    void rejectsUnknownEffect() {
        assertThat(identityRejection(statement("'Effect':'Permit','Action':'s3:*','Resource':'*'")))
                .isEqualTo("Syntax errors in policy. (Statement.Effect must be \"Allow\" or \"Deny\", found \"Permit\")");
    }

    @Test
    void rejectsEffectInTheWrongCaseAsLegacyParsingFailure() {
        assertThat(identityRejection(statement("'Effect':'allow','Action':'s3:*','Resource':'*'")))
                .isEqualTo("The policy failed legacy parsing (Statement.Effect must be written \"Allow\", found \"allow\")");
    }

    @Test
    void rejectsActionTogetherWithNotAction() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','NotAction':'iam:*','Resource':'*'")))
                .isEqualTo("Syntax errors in policy. (Statement has both Action and NotAction)");
    }

    @Test
    void rejectsResourceTogetherWithNotResource() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','Resource':'*','NotResource':'*'")))
                .isEqualTo("Syntax errors in policy. (Statement has both Resource and NotResource)");
    }

    @Test
    void rejectsPrincipalTogetherWithNotPrincipal() {
        assertThat(Policies.rejection(statement("'Effect':'Allow','Action':'s3:*','Principal':'*','NotPrincipal':'*'"),
                PolicyKind.RESOURCE)).isEqualTo("Syntax errors in policy. (Statement has both Principal and NotPrincipal)");
    }

    @Test
    void rejectsActionThatIsNotAStringOrStringArray() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':{'s3':'*'},'Resource':'*'")))
                .isEqualTo("Syntax errors in policy. (Statement.Action must be a string or an array of strings)");
    }

    @Test
    void rejectsNonStringInsideResourceArray() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','Resource':['*',7]")))
                .isEqualTo("Syntax errors in policy. (Statement.Resource must be a string or an array of strings)");
    }

    @Test
    void rejectsJsonNullWhereAValueIsExpected() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','Resource':'*','Sid':null")))
                .isEqualTo("Syntax errors in policy. (Statement.Sid must be a string)");
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);

        assertThat(identityRejection(json("{'Statement':{" + VALID_STATEMENT + ",'Condition':") + deep + "}}"))
                .startsWith("Syntax errors in policy. (JSON nested deeper than 32 levels at line 1");
    }

    @Test
    void rejectsHugeNumbers() {
        assertThat(identityRejection(statement(VALID_STATEMENT + ",'Condition':{'NumericEquals':{'s3:max-keys':"
                + "9".repeat(5_000) + "}}"))).startsWith("Syntax errors in policy. (invalid JSON");
    }

    @Test
    void rejectsDocumentLongerThan131072Characters() {
        String text = statement(VALID_STATEMENT);
        String padded = text + " ".repeat(PolicySize.DOCUMENT_MAX_CHARS - text.length() + 1);

        assertThat(identityRejection(padded)).isEqualTo(
                "The policy document must have length less than or equal to 131072. (131073 characters)");
    }

    @Test
    void acceptsDocumentOfExactly131072Characters() {
        String text = statement(VALID_STATEMENT);

        assertThat(identity(text + " ".repeat(PolicySize.DOCUMENT_MAX_CHARS - text.length())).statements()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0100", "\u0000", "\u001f", "\ud800", "\udc00", "\u2028", "\ufeff"})
    void rejectsCharactersOutsideTheAllowedSet(String character) {
        String text = "{\n" + json("'Id':'a" + character + "','Statement':{" + VALID_STATEMENT + "}}");

        assertThat(identityRejection(text)).isEqualTo(String.format(
                "The policy document contains a character outside [\\u0009\\u000A\\u000D\\u0020-\\u00FF]. "
                        + "(\\u%04x at line 2, column 8)", (int) character.charAt(0)));
    }

    @Test
    void acceptsLatin1CharactersAndEscapedUnicode() {
        PolicyDocument document = identity(json("{'Id':'caf\u00e9 \\u4e2d','Statement':{" + VALID_STATEMENT + "}}"));

        assertThat(document.id()).contains("caf\u00e9 \u4e2d");
    }

    @Test
    void reportsASyntaxErrorAnywhereBeforeAnyGrammarError() {
        String text = json("{'Statement':[{'Effect':'Allow','Action':'s3:*'},{" + VALID_STATEMENT + ",'Foo':1}]}");

        assertThat(identityRejection(text)).isEqualTo("Syntax errors in policy. (unknown field \"Foo\" in Statement[1])");
    }

    @Test
    void escapesControlCharactersAndQuotesInQuotedDocumentText() {
        String text = json("{'Statement':{" + VALID_STATEMENT + ",'a\\u0000\\\"b':1}}");

        assertThat(identityRejection(text))
                .isEqualTo("Syntax errors in policy. (unknown field \"a\\u0000\\\"b\" in Statement)");
    }

    @Test
    void shortensLongQuotedDocumentText() {
        String field = "x".repeat(1000);

        assertThat(identityRejection(json("{'" + field + "':1}")))
                .isEqualTo("Syntax errors in policy. (unknown field \"" + "x".repeat(128) + "...\" in the policy)");
    }
}
