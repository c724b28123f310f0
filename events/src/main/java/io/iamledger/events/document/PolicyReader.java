package io.iamledger.events.document;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The syntax pass: checks the shape of the whole document (known fields, JSON types, Effect and condition
 * operator names) and turns it into drafts, so that no grammar rule runs on a document with a syntax error
 * anywhere in it, as with AWS.
 */
final class PolicyReader {
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of(
            "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");

    /** A document that passed the syntax pass; its statements may still break the grammar of a policy kind. */
    record Draft(PolicyVersion version, Optional<String> id, List<DraftStatement> statements) {
        PolicyDocument toDocument() {
            List<Statement> done = new ArrayList<>(statements.size());
            for (DraftStatement statement : statements) {
                done.add(statement.toStatement());
            }
            return new PolicyDocument(version, id, done);
        }
    }

    /** A statement whose action and resource blocks may still be missing or empty. */
    record DraftStatement(
            Path path,
            int index,
            Optional<String> sid,
            String effectText,
            Effect effect,
            Optional<PrincipalBlock> principal,
            Optional<ActionBlock> action,
            Optional<ResourceBlock> resource,
            List<Condition> conditions,
            SourcePosition start,
            SourcePosition end) {

        /** "in Statement[1], Sid "ReadOnly"", for messages about the statement as a whole. */
        String where() {
            return "in " + path + sid.map(text -> ", Sid " + Problems.quote(text)).orElse("");
        }

        Statement toStatement() {
            ActionBlock checked = action.orElseThrow(() -> new IllegalStateException("validated statement has no action"));
            return new Statement(index, sid, effect, principal, checked, resource, conditions, start, end);
        }
    }

    private PolicyReader() {
    }

    static Draft read(Json.Obj root) {
        for (String field : root.members().keySet()) {
            if (!TOP_LEVEL_FIELDS.contains(field)) {
                throw Problems.syntax("unknown field " + Problems.quote(field) + " in " + Path.ROOT);
            }
        }
        Path versionPath = Path.ROOT.child("Version");
        PolicyVersion version = optionalString(root, "Version", Path.ROOT)
                .map(text -> PolicyVersion.fromText(text).orElseThrow(() -> Problems.syntax(versionPath
                        + " must be \"2012-10-17\" or \"2008-10-17\", found " + Problems.quote(text))))
                .orElse(PolicyVersion.V2008_10_17);
        Optional<String> id = optionalString(root, "Id", Path.ROOT);
        return new Draft(version, id, readStatements(root.members().get("Statement")));
    }

    private static List<DraftStatement> readStatements(Json element) {
        Path path = Path.ROOT.child("Statement");
        if (element == null) {
            throw Problems.syntax("the policy has no Statement");
        }
        if (element instanceof Json.Obj single) {
            return List.of(readStatement(single, path, 0));
        }
        if (!(element instanceof Json.Arr array)) {
            throw Problems.syntax(path + " must be an object or an array of objects");
        }
        if (array.items().isEmpty()) {
            throw Problems.syntax(path + " is empty");
        }
        List<DraftStatement> statements = new ArrayList<>(array.items().size());
        for (Json item : array.items()) {
            Path itemPath = path.at(statements.size());
            if (!(item instanceof Json.Obj object)) {
                throw Problems.syntax(itemPath + " must be an object");
            }
            statements.add(readStatement(object, itemPath, statements.size()));
        }
        return statements;
    }

    private static DraftStatement readStatement(Json.Obj statement, Path path, int index) {
        Map<String, Json> members = statement.members();
        for (String field : members.keySet()) {
            if (!STATEMENT_FIELDS.contains(field)) {
                throw Problems.syntax("unknown field " + Problems.quote(field) + " in " + path);
            }
        }
        requireAtMostOne(members, "Principal", "NotPrincipal", path);
        requireAtMostOne(members, "Action", "NotAction", path);
        requireAtMostOne(members, "Resource", "NotResource", path);

        Optional<String> sid = optionalString(statement, "Sid", path);
        String effectText = optionalString(statement, "Effect", path)
                .orElseThrow(() -> Problems.syntax(path + " has no Effect"));
        Effect effect = effectIgnoringCase(effectText).orElseThrow(() -> Problems.syntax(path.child("Effect")
                + " must be \"Allow\" or \"Deny\", found " + Problems.quote(effectText)));

        Optional<PrincipalBlock> principal = principal(members, "Principal", false, path)
                .or(() -> principal(members, "NotPrincipal", true, path));
        Optional<ActionBlock> action = strings(members, "Action", path).map(list -> new ActionBlock(false, list))
                .or(() -> strings(members, "NotAction", path).map(list -> new ActionBlock(true, list)));
        Optional<ResourceBlock> resource = strings(members, "Resource", path).map(list -> new ResourceBlock(false, list))
                .or(() -> strings(members, "NotResource", path).map(list -> new ResourceBlock(true, list)));
        List<Condition> conditions = conditions(members.get("Condition"), path.child("Condition"));

        return new DraftStatement(path, index, sid, effectText, effect, principal, action, resource, conditions,
                statement.start(), statement.end());
    }

    private static void requireAtMostOne(Map<String, Json> members, String field, String negatedField, Path path) {
        if (members.containsKey(field) && members.containsKey(negatedField)) {
            throw Problems.syntax(path + " has both " + field + " and " + negatedField);
        }
    }

    /** AWS reads Effect case-insensitively here and rejects the wrong case later, in its legacy parsing. */
    private static Optional<Effect> effectIgnoringCase(String text) {
        for (Effect effect : Effect.values()) {
            if (effect.text().equalsIgnoreCase(text)) {
                return Optional.of(effect);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> optionalString(Json.Obj object, String field, Path path) {
        Json value = object.members().get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Json.Str text) {
            return Optional.of(text.value());
        }
        throw Problems.syntax(path.child(field) + " must be a string");
    }

    private static Optional<List<String>> strings(Map<String, Json> members, String field, Path statementPath) {
        Json value = members.get(field);
        return value == null ? Optional.empty() : Optional.of(stringList(value, statementPath.child(field)));
    }

    private static List<String> stringList(Json value, Path path) {
        if (value instanceof Json.Str text) {
            return List.of(text.value());
        }
        if (value instanceof Json.Arr array) {
            List<String> strings = new ArrayList<>(array.items().size());
            for (Json item : array.items()) {
                if (!(item instanceof Json.Str text)) {
                    throw Problems.syntax(path + " must be a string or an array of strings");
                }
                strings.add(text.value());
            }
            return strings;
        }
        throw Problems.syntax(path + " must be a string or an array of strings");
    }

    private static Optional<PrincipalBlock> principal(
            Map<String, Json> members, String field, boolean negated, Path statementPath) {
        Json value = members.get(field);
        if (value == null) {
            return Optional.empty();
        }
        Path path = statementPath.child(field);
        if (value instanceof Json.Str text && text.value().equals("*")) {
            return Optional.of(PrincipalBlock.anyone(negated));
        }
        if (!(value instanceof Json.Obj object)) {
            throw Problems.syntax(path + " must be \"*\" or an object of principal types");
        }
        if (object.members().isEmpty()) {
            throw Problems.syntax(path + " is empty");
        }
        Map<PrincipalType, List<String>> principals = new EnumMap<>(PrincipalType.class);
        for (Map.Entry<String, Json> member : object.members().entrySet()) {
            PrincipalType type = PrincipalType.fromText(member.getKey()).orElseThrow(() -> Problems.syntax(
                    "unknown principal type " + Problems.quote(member.getKey()) + " in " + path
                            + "; use AWS, Service, Federated or CanonicalUser"));
            Path typePath = path.child(member.getKey());
            List<String> values = stringList(member.getValue(), typePath);
            if (values.isEmpty()) {
                throw Problems.syntax(typePath + " is empty");
            }
            principals.put(type, values);
        }
        return Optional.of(new PrincipalBlock(negated, false, principals));
    }

    private static List<Condition> conditions(Json element, Path path) {
        if (element == null) {
            return List.of();
        }
        if (!(element instanceof Json.Obj object)) {
            throw Problems.syntax(path + " must be an object");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, Json> block : object.members().entrySet()) {
            ConditionOperator operator = ConditionOperator.parse(block.getKey()).orElseThrow(() -> Problems.syntax(
                    "unknown condition operator " + Problems.quote(block.getKey()) + " in " + path));
            Path operatorPath = path.child(block.getKey());
            if (!(block.getValue() instanceof Json.Obj keys)) {
                throw Problems.syntax(operatorPath + " must be an object");
            }
            for (Map.Entry<String, Json> entry : keys.members().entrySet()) {
                conditions.add(new Condition(operator, entry.getKey(),
                        conditionValues(entry.getValue(), operatorPath.child(entry.getKey()))));
            }
        }
        return conditions;
    }

    private static List<String> conditionValues(Json value, Path path) {
        if (value instanceof Json.Arr array) {
            List<String> values = new ArrayList<>(array.items().size());
            for (Json item : array.items()) {
                values.add(scalarText(item, path));
            }
            return values;
        }
        return List.of(scalarText(value, path));
    }

    private static String scalarText(Json value, Path path) {
        if (value instanceof Json.Str text) {
            return text.value();
        }
        if (value instanceof Json.Num number) {
            return number.text();
        }
        if (value instanceof Json.Bool bool) {
            return Boolean.toString(bool.value());
        }
        throw Problems.syntax(path + " must be a string, number, boolean or an array of them");
    }
}
