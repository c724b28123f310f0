package io.iamledger.events.document;

import io.iamledger.events.document.PolicyReader.Draft;
import io.iamledger.events.document.PolicyReader.DraftStatement;
import io.iamledger.events.error.IamException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The grammar pass: the rules AWS applies to a syntactically valid document, some of them depending on the
 * policy kind. Rules run in AWS's order: legacy parsing of Effect and of resources, Sid uniqueness, then each
 * statement in turn.
 */
final class PolicyValidator {
    /** The partitions ARNs may name. */
    static final Set<String> PARTITIONS = Set.of(
            "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc");
    private static final List<String> TRUST_ACTIONS = List.of(
            "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
            "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext");

    private PolicyValidator() {
    }

    static void validate(Draft draft, PolicyKind kind) {
        for (DraftStatement statement : draft.statements()) {
            if (!statement.effectText().equals(statement.effect().text())) {
                throw Problems.legacy(statement.path().child("Effect") + " must be written \""
                        + statement.effect().text() + "\", found " + Problems.quote(statement.effectText()));
            }
        }
        for (DraftStatement statement : draft.statements()) {
            legacyParseResources(statement);
        }
        requireUniqueSids(draft.statements());
        boolean variables = draft.version().supportsPolicyVariables();
        for (DraftStatement statement : draft.statements()) {
            validateStatement(statement, kind, variables);
        }
    }

    /** AWS's legacy parse of a statement's resources, which it skips when an entry fails the format check. */
    private static void legacyParseResources(DraftStatement statement) {
        if (statement.resource().isEmpty()) {
            return;
        }
        ResourceBlock block = statement.resource().get();
        Path path = statement.path().child(block.negated() ? "NotResource" : "Resource");
        for (String resource : block.resources()) {
            if (ResourceFormat.problem(resource, path).isPresent()) {
                return;
            }
        }
        for (String resource : block.resources()) {
            Optional<String> problem = ResourceFormat.legacyProblem(resource);
            if (problem.isPresent()) {
                throw Problems.legacy(Problems.quote(resource) + " at " + path + " " + problem.get());
            }
        }
    }

    private static void requireUniqueSids(List<DraftStatement> statements) {
        Map<String, DraftStatement> seen = new HashMap<>();
        for (DraftStatement statement : statements) {
            String sid = statement.sid().orElse("");
            if (sid.isEmpty()) {
                continue;
            }
            DraftStatement first = seen.putIfAbsent(sid, statement);
            if (first != null) {
                throw Problems.malformed(Problems.SID_NOT_UNIQUE,
                        "Sid " + Problems.quote(sid) + " in " + first.path() + " and " + statement.path());
            }
        }
    }

    private static void validateStatement(DraftStatement statement, PolicyKind kind, boolean variables) {
        String sid = statement.sid().orElse("");
        if (kind != PolicyKind.RESOURCE && !isAlphanumeric(sid)) {
            throw Problems.malformed(Problems.SID_NOT_ALPHANUMERIC,
                    "found " + Problems.quote(sid) + " at " + statement.path().child("Sid"));
        }
        if (kind == PolicyKind.IDENTITY && statement.principal().isPresent()) {
            throw Problems.malformed(Problems.PRINCIPAL_NOT_ALLOWED, statement.where());
        }
        if (kind != PolicyKind.IDENTITY && statement.principal().isEmpty()) {
            throw Problems.malformed(Problems.PRINCIPAL_MISSING, statement.where());
        }
        if (statement.action().map(block -> block.actions().isEmpty()).orElse(true)) {
            throw Problems.malformed(Problems.NO_ACTIONS, statement.where());
        }
        Optional<ResourceBlock> resource = statement.resource();
        if (kind == PolicyKind.TRUST && resource.isPresent()) {
            throw Problems.prohibitedField(resource.get().negated() ? "NotResource" : "Resource", statement.where());
        }
        boolean resourceRequired = kind == PolicyKind.IDENTITY || resource.isPresent();
        if (resourceRequired && resource.map(block -> block.resources().isEmpty()).orElse(true)) {
            throw Problems.malformed(Problems.NO_RESOURCES, statement.where());
        }

        ActionBlock actions = statement.action().orElseThrow();
        Path actionPath = statement.path().child(actions.negated() ? "NotAction" : "Action");
        for (String action : actions.actions()) {
            checkAction(action, actionPath);
            if (kind == PolicyKind.TRUST && !actions.negated() && !isTrustAction(action)) {
                throw Problems.malformed(Problems.TRUST_ACTIONS, "found " + Problems.quote(action) + " at " + actionPath);
            }
        }
        if (resource.isPresent()) {
            Path resourcePath = statement.path().child(resource.get().negated() ? "NotResource" : "Resource");
            for (String pattern : resource.get().resources()) {
                checkResource(pattern, resourcePath);
            }
        }
        if (statement.principal().isPresent()) {
            checkPrincipals(statement.principal().get(), statement.path());
        }
        Path conditionPath = statement.path().child("Condition");
        for (Condition condition : statement.conditions()) {
            checkCondition(condition, conditionPath, variables);
        }
    }

    private static void checkAction(String action, Path path) {
        if (action.equals("*")) {
            return;
        }
        int colon = action.indexOf(':');
        if (colon <= 0) {
            throw Problems.malformed(Problems.NO_VENDOR, "found " + Problems.quote(action) + " at " + path);
        }
        if (action.indexOf(':', colon + 1) >= 0) {
            throw Problems.malformed(Problems.TWO_COLONS, "found " + Problems.quote(action) + " at " + path);
        }
        String vendor = action.substring(0, colon);
        if (!vendor.equals("*") && !isVendor(vendor)) {
            throw Problems.invalidVendor(vendor, path);
        }
        if (colon == action.length() - 1) {
            throw Problems.syntax("action " + Problems.quote(action) + " has no name after the vendor at " + path);
        }
    }

    private static boolean isVendor(String vendor) {
        for (int i = 0; i < vendor.length(); i++) {
            char c = vendor.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** Whether the pattern matches at least one action a trust policy can grant, as {@code *} or {@code sts:Assume*} do. */
    private static boolean isTrustAction(String pattern) {
        for (String action : TRUST_ACTIONS) {
            if (Wildcards.matchesIgnoringCase(pattern, action)) {
                return true;
            }
        }
        return false;
    }

    private static void checkResource(String resource, Path path) {
        Optional<IamException> problem = ResourceFormat.problem(resource, path);
        if (problem.isPresent()) {
            throw problem.get();
        }
    }

    private static void checkPrincipals(PrincipalBlock block, Path statementPath) {
        Path path = statementPath.child(block.negated() ? "NotPrincipal" : "Principal");
        for (Map.Entry<PrincipalType, List<String>> entry : block.principals().entrySet()) {
            PrincipalType type = entry.getKey();
            for (String value : entry.getValue()) {
                if (!Principals.isValid(type, value)) {
                    throw Problems.invalidPrincipal(type.text(), value, path.child(type.text()));
                }
            }
        }
    }

    private static void checkCondition(Condition condition, Path conditionPath, boolean variables) {
        Path path = conditionPath.child(condition.operator().text()).child(condition.key());
        if (condition.key().indexOf(':') <= 0) {
            throw Problems.malformed(Problems.NO_VENDOR, "found " + Problems.quote(condition.key()) + " at "
                    + conditionPath.child(condition.operator().text()));
        }
        String name = condition.operator().name();
        for (String value : condition.values()) {
            if (variables && value.contains("${")) {
                continue;
            }
            if (name.startsWith("Numeric") && !ConditionValues.isNumber(value)) {
                throw Problems.syntax("value " + Problems.quote(value) + " at " + path + " is not a number");
            }
            if (name.startsWith("Date") && ConditionValues.parseDate(value).isEmpty()) {
                throw Problems.legacy("value " + Problems.quote(value) + " at " + path + " is not a date");
            }
            if ((name.equals("Bool") || name.equals("Null")) && ConditionValues.parseBoolean(value).isEmpty()) {
                throw Problems.syntax("value " + Problems.quote(value) + " at " + path + " is not true or false");
            }
            if (name.endsWith("IpAddress") && IpRange.parse(value).isEmpty()) {
                throw Problems.syntax("value " + Problems.quote(value) + " at " + path
                        + " is not an IP address or CIDR block");
            }
        }
    }

    private static boolean isAlphanumeric(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isAsciiLetterOrDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
