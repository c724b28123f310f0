package io.iamledger.query.evaluator;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A statement's {@code Action} or {@code NotAction}: each pattern split into a service prefix and an action-name
 * wildcard, both lower-cased once so that the case-insensitive comparison AWS documents ("The prefix and the
 * action name are case insensitive") becomes a plain comparison against the request's lower-cased action.
 * Immutable and thread-safe.
 */
final class ActionMatcher {
    private final boolean negated;
    /** Per pattern the service prefix, or null when the pattern is {@code *} or its prefix has a wildcard. */
    private final String[] services;
    private final Wildcard[] serviceWildcards;
    private final Wildcard[] names;

    private ActionMatcher(boolean negated, String[] services, Wildcard[] serviceWildcards, Wildcard[] names) {
        this.negated = negated;
        this.services = services;
        this.serviceWildcards = serviceWildcards;
        this.names = names;
    }

    static ActionMatcher compile(boolean negated, List<String> actions) {
        int n = actions.size();
        String[] services = new String[n];
        Wildcard[] serviceWildcards = new Wildcard[n];
        Wildcard[] names = new Wildcard[n];
        for (int i = 0; i < n; i++) {
            String action = actions.get(i).toLowerCase(Locale.ROOT);
            int colon = action.indexOf(':');
            if (colon < 0) {
                serviceWildcards[i] = Wildcard.compile("*", false);
                names[i] = Wildcard.compile(action, false);
                continue;
            }
            String service = action.substring(0, colon);
            if (service.indexOf('*') >= 0 || service.indexOf('?') >= 0) {
                serviceWildcards[i] = Wildcard.compile(service, false);
            } else {
                services[i] = service;
            }
            names[i] = Wildcard.compile(action.substring(colon + 1), false);
        }
        return new ActionMatcher(negated, services, serviceWildcards, names);
    }

    /** Whether the statement covers the action, both parts given lower-cased. */
    boolean matches(String service, String name) {
        boolean listed = false;
        for (int i = 0; i < names.length; i++) {
            String prefix = services[i];
            boolean serviceMatches = prefix != null ? prefix.equals(service) : serviceWildcards[i].matches(service);
            if (serviceMatches && names[i].matches(name)) {
                listed = true;
                break;
            }
        }
        return listed != negated;
    }

    /**
     * Adds the services this matcher can match to {@code into} and returns true, or returns false when it can match
     * actions of any service (a {@code NotAction}, {@code *}, or a wildcard prefix).
     */
    boolean addServices(Set<String> into) {
        if (negated) {
            return false;
        }
        for (String service : services) {
            if (service == null) {
                return false;
            }
        }
        for (String service : services) {
            into.add(service);
        }
        return true;
    }
}
