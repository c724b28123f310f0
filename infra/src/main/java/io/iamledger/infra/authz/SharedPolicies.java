package io.iamledger.infra.authz;

import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import io.iamledger.events.error.IamException;
import io.iamledger.query.evaluator.CompiledPolicy;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import io.iamledger.query.evaluator.PolicySource;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Compiled policies shared by every principal that uses them: a managed policy version is compiled once, keyed by
 * its ARN, policy id and version id (the id tells a policy from one deleted and created again under the same ARN,
 * which restarts at {@code v1}); a group's inline policy once for all members, keyed by group id, name, policy
 * name and the SHA-256 of the document. Principals whose policies are all shared and identical (users who get
 * their permissions only through the same groups and attachments) share one {@link CompiledPrincipalPolicies}
 * too, merged statement index included.
 *
 * <p>Entries are held weakly: a compiled policy stays shared while some cached principal uses it and is collected
 * after, so the tables need no eviction of their own. Thread-safe; two threads compiling the same key at once both
 * compile and the first to store wins.
 */
final class SharedPolicies {
    /** Stands for "no boundary" in a policy set's key, whose elements cannot be null. */
    private static final Object NO_BOUNDARY = new Object();

    private final WeakValues<String, CompiledPolicy> policies = new WeakValues<>();
    private final WeakValues<List<Object>, CompiledPrincipalPolicies> sets = new WeakValues<>();

    /**
     * A managed policy's version, compiled on first use.
     *
     * @param document supplies the version's JSON; called only when the version is not compiled yet
     */
    CompiledPolicy managed(String arn, String policyId, String versionId, PolicySource.Kind kind,
                           Supplier<String> document) {
        String key = "M\u0000" + arn + '\u0000' + policyId + '\u0000' + versionId;
        return policies.get(key, () -> compile(PolicySource.of(arn, kind), document.get()));
    }

    /** A group's inline policy, compiled on first use. */
    CompiledPolicy groupInline(String groupId, String groupName, String policyName, String document) {
        String key = "G\u0000" + groupId + '\u0000' + groupName + '\u0000' + policyName + '\u0000' + sha256(document);
        return policies.get(key, () -> compile(PolicySource.groupInline(groupName, policyName), document));
    }

    /**
     * The principal policies made of exactly these shared policies, in this order, merged once for all principals
     * that have them. Only for policies this table returned: any other is never equal to a key, so it would only
     * fill the table.
     */
    CompiledPrincipalPolicies principalPolicies(List<CompiledPolicy> identity, Optional<CompiledPolicy> boundary) {
        List<Object> key = new ArrayList<>(identity.size() + 1);
        // CompiledPolicy has identity equality, which is what sharing means here
        key.add(boundary.isPresent() ? boundary.get() : NO_BOUNDARY);
        key.addAll(identity);
        return sets.get(List.copyOf(key), () -> {
            CompiledPrincipalPolicies.Builder builder = CompiledPrincipalPolicies.builder().identityPolicies(identity);
            boundary.ifPresent(builder::permissionsBoundary);
            return builder.build();
        });
    }

    /** How many compiled policies are shared now (some perhaps already collected). */
    int size() {
        return policies.size();
    }

    /**
     * Compiles an identity-based policy read from the store, where it was validated when written.
     *
     * @throws IllegalStateException when it no longer reads as valid (a stored policy must never be skipped: it may
     *     hold a Deny)
     */
    static CompiledPolicy compile(PolicySource source, String document) {
        return compile(source, document, PolicyKind.IDENTITY);
    }

    /** As {@link #compile(PolicySource, String)}, for a policy of another kind (a role's trust policy). */
    static CompiledPolicy compile(PolicySource source, String document, PolicyKind kind) {
        try {
            return CompiledPolicy.compile(source, PolicyDocuments.read(document, kind));
        } catch (IamException e) {
            throw new IllegalStateException("stored policy " + source.id() + " does not read as a valid policy: "
                    + e.getMessage(), e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A map whose values are held weakly and whose entries go when their value is collected. Thread-safe. */
    private static final class WeakValues<K, V> {
        private final ConcurrentHashMap<K, Ref<K, V>> byKey = new ConcurrentHashMap<>();
        private final ReferenceQueue<V> collected = new ReferenceQueue<>();

        V get(K key, Supplier<V> make) {
            expunge();
            Ref<K, V> known = byKey.get(key);
            V value = known == null ? null : known.get();
            if (value != null) {
                return value;
            }
            V made = make.get();
            Ref<K, V> stored = byKey.compute(key, (k, old) -> old != null && old.get() != null ? old
                    : new Ref<>(k, made, collected));
            V winner = stored.get();
            // the winner may be collected between compute and get; ours is just as good then
            return winner != null ? winner : made;
        }

        int size() {
            expunge();
            return byKey.size();
        }

        private void expunge() {
            for (var gone = collected.poll(); gone != null; gone = collected.poll()) {
                @SuppressWarnings("unchecked")
                Ref<K, V> ref = (Ref<K, V>) gone;
                byKey.remove(ref.key, ref);
            }
        }
    }

    private static final class Ref<K, V> extends WeakReference<V> {
        final K key;

        Ref(K key, V value, ReferenceQueue<V> queue) {
            super(value, queue);
            this.key = key;
        }
    }
}
