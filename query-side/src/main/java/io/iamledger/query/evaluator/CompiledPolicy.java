package io.iamledger.query.evaluator;

import io.iamledger.events.document.PolicyDocument;
import io.iamledger.events.document.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A validated policy document compiled for evaluation: every statement turned into matchers (actions by service
 * prefix, ARN patterns by segment, condition values parsed once, principals as sets) and indexed by service.
 * Compile a managed policy once and share the result among every principal it is attached to, whatever the role
 * it plays there (identity-based policy, permissions boundary, session policy).
 *
 * <p>Immutable and thread-safe. Compiling a document read by
 * {@link io.iamledger.events.document.PolicyDocuments#read} never fails; values that cannot match (an
 * unparsable condition value left unchecked because it held {@code ${}}) simply never match.
 */
public final class CompiledPolicy {
    private final PolicySource source;
    private final List<CompiledStatement> statements;
    /** Built on first use: policies that only ever take part in a principal's merged index never need their own. */
    private volatile StatementIndex index;

    private CompiledPolicy(PolicySource source, PolicyDocument document) {
        this.source = source;
        boolean variables = document.variablesEnabled();
        List<CompiledStatement> compiled = new ArrayList<>(document.statements().size());
        for (Statement statement : document.statements()) {
            compiled.add(new CompiledStatement(this, statement, variables));
        }
        this.statements = List.copyOf(compiled);
    }

    /**
     * Compiles {@code document}.
     *
     * @param source where the document comes from, reported with every statement an evaluation explains
     * @param document a document as read and validated by {@code PolicyDocuments.read}
     * @throws NullPointerException if an argument is null
     */
    public static CompiledPolicy compile(PolicySource source, PolicyDocument document) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(document, "document");
        return new CompiledPolicy(source, document);
    }

    public PolicySource source() {
        return source;
    }

    public int statementCount() {
        return statements.size();
    }

    /**
     * The context keys the policy reads, as IAM's {@code GetContextKeysFor*Policy} list them: each condition key and
     * each policy variable (in Resource, NotResource and condition values, where the document's version enables
     * variables), in document order, spelled as written, with repeats left in.
     */
    public List<String> contextKeys() {
        List<String> keys = new ArrayList<>();
        for (CompiledStatement statement : statements) {
            statement.addContextKeys(keys);
        }
        return keys;
    }

    List<CompiledStatement> statements() {
        return statements;
    }

    /** The statements indexed by service; racy single-check initialisation, any thread's result being equal. */
    StatementIndex index() {
        StatementIndex known = index;
        if (known == null) {
            known = StatementIndex.of(statements);
            index = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return "CompiledPolicy[" + source.id() + ", " + statements.size() + " statements]";
    }
}
