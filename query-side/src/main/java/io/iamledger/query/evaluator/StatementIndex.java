package io.iamledger.query.evaluator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of one or more policies, split by effect and indexed by the request's service prefix so an
 * evaluation only looks at statements that can cover its action: for a service named in some {@code Action}, its
 * own statements plus those that can match any service ({@code *}, {@code NotAction}); for any other service,
 * only the latter. Statements keep document order within each list. Immutable and thread-safe.
 */
final class StatementIndex extends StringTable {
    private static final CompiledStatement[] NONE = new CompiledStatement[0];
    private static final int DENY = 0;
    private static final int ALLOW = 1;
    static final StatementIndex EMPTY = new StatementIndex(Map.of(), NONE, NONE);

    private final CompiledStatement[] otherDenies;
    private final CompiledStatement[] otherAllows;

    /** @param byService per service: its Deny statements, then its Allow statements */
    private StatementIndex(Map<String, Object[]> byService, CompiledStatement[] otherDenies,
            CompiledStatement[] otherAllows) {
        super(byService, 2);
        this.otherDenies = otherDenies;
        this.otherAllows = otherAllows;
    }

    static StatementIndex of(List<CompiledStatement> statements) {
        if (statements.isEmpty()) {
            return EMPTY;
        }
        Set<String> services = new LinkedHashSet<>();
        boolean[] anyService = new boolean[statements.size()];
        List<Set<String>> own = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Set<String> mine = new LinkedHashSet<>();
            anyService[i] = !statements.get(i).addServices(mine);
            own.add(mine);
            services.addAll(mine);
        }
        Map<String, Object[]> byService = new HashMap<>(services.size() * 2);
        for (String service : services) {
            List<CompiledStatement> deny = new ArrayList<>();
            List<CompiledStatement> allow = new ArrayList<>();
            for (int i = 0; i < statements.size(); i++) {
                CompiledStatement statement = statements.get(i);
                if (anyService[i] || own.get(i).contains(service)) {
                    (statement.deny ? deny : allow).add(statement);
                }
            }
            Object[] lists = new Object[2];
            lists[DENY] = array(deny);
            lists[ALLOW] = array(allow);
            byService.put(service, lists);
        }
        List<CompiledStatement> otherDeny = new ArrayList<>();
        List<CompiledStatement> otherAllow = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            if (anyService[i]) {
                (statements.get(i).deny ? otherDeny : otherAllow).add(statements.get(i));
            }
        }
        return new StatementIndex(byService, array(otherDeny), array(otherAllow));
    }

    private static CompiledStatement[] array(List<CompiledStatement> statements) {
        return statements.isEmpty() ? NONE : statements.toArray(NONE);
    }

    /** The Deny statements that may cover an action of {@code service} (lower-cased). */
    CompiledStatement[] denies(String service) {
        int entry = find(service);
        return entry >= 0 ? (CompiledStatement[]) value(entry, DENY) : otherDenies;
    }

    /** The Allow statements that may cover an action of {@code service} (lower-cased). */
    CompiledStatement[] allows(String service) {
        int entry = find(service);
        return entry >= 0 ? (CompiledStatement[]) value(entry, ALLOW) : otherAllows;
    }
}
