package io.iamledger.command.oidc;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.iamledger.command.identity.Tags;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.oidc.OpenIdConnectProviderCreatedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderDeletedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderUpdatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An OpenID Connect provider, identified by an id the edge makes; its ARN (from the issuer URL) is unique in the
 * account and held in the {@link EntityRegistry}. It keeps AWS's limits: at most {@value #MAX_CLIENT_IDS} client
 * ids of 1-255 characters, at most {@value #MAX_THUMBPRINTS} thumbprints of 40 hex digits.
 */
public class OpenIdConnectProviderAggregate {
    public static final int MAX_CLIENT_IDS = 100;
    public static final int MAX_THUMBPRINTS = 5;
    private static final Pattern URL = Pattern.compile("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[\\x21-\\x7e&&[^?#]]*)?");
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final int MAX_URL_LENGTH = 255;
    private static final int MAX_CLIENT_ID_LENGTH = 255;

    @AggregateIdentifier
    private String providerId;
    private String accountId;
    private String arn;
    private String url;
    private Instant createDate;
    private List<String> clientIds = new ArrayList<>();
    private List<String> thumbprints = new ArrayList<>();

    OpenIdConnectProviderAggregate() {
        // Axon (replaying events) and Jackson (reading a snapshot) create the aggregate through this constructor.
    }

    /** AWS's NoSuchEntity message for a provider ARN the account does not have. */
    public static String noSuchProvider(String arn) {
        return "OpenIDConnect Provider not found for arn " + arn;
    }

    /** The provider's ARN for an issuer URL: the URL without {@code https://} and without a trailing slash. */
    public static String arnFor(String accountId, String url) {
        return Arn.oidcProvider(accountId, urlWithoutScheme(url)).toString();
    }

    private static String urlWithoutScheme(String url) {
        String rest = url.startsWith("https://") ? url.substring("https://".length()) : url;
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }

    @CommandHandler
    OpenIdConnectProviderAggregate(CreateOpenIdConnectProviderCommand command, EntityRegistry registry) {
        String given = command.url();
        if (given.length() > MAX_URL_LENGTH || !URL.matcher(given).matches()) {
            throw IamException.invalidInput("The URL " + given + " is not valid: it must be an https:// URL without"
                    + " a query or fragment, at most " + MAX_URL_LENGTH + " characters.");
        }
        List<String> clients = checkClientIds(command.clientIds());
        List<String> prints = checkThumbprints(command.thumbprints());
        IamNames.check().tags("tags", command.tags()).orThrow();
        Tags.checkAdd(Map.of(), command.tags(), IdentityKind.ROLE);
        String providerArn = arnFor(command.accountId(), given);
        registry.claim(command.accountId(), EntityKind.OIDC_PROVIDER, providerArn, command.providerId());
        apply(new OpenIdConnectProviderCreatedEvent(command.accountId(), command.providerId(), providerArn,
                urlWithoutScheme(given), clients, prints, command.tags(), command.occurredAt()));
    }

    @CommandHandler
    void handle(AddClientIdCommand command) {
        checkAddressed(command);
        checkClientIds(List.of(command.clientId()));
        if (clientIds.contains(command.clientId())) {
            return;
        }
        List<String> next = new ArrayList<>(clientIds);
        next.add(command.clientId());
        update(checkClientIds(next), thumbprints, command.occurredAt());
    }

    @CommandHandler
    void handle(RemoveClientIdCommand command) {
        checkAddressed(command);
        checkClientIds(List.of(command.clientId()));
        if (!clientIds.contains(command.clientId())) {
            return;
        }
        List<String> next = new ArrayList<>(clientIds);
        next.remove(command.clientId());
        update(next, thumbprints, command.occurredAt());
    }

    @CommandHandler
    void handle(UpdateThumbprintsCommand command) {
        checkAddressed(command);
        List<String> prints = checkThumbprints(command.thumbprints());
        if (prints.equals(thumbprints)) {
            return;
        }
        update(clientIds, prints, command.occurredAt());
    }

    @CommandHandler
    void handle(DeleteOpenIdConnectProviderCommand command, EntityRegistry registry) {
        checkAddressed(command);
        registry.release(accountId, EntityKind.OIDC_PROVIDER, arn);
        apply(new OpenIdConnectProviderDeletedEvent(accountId, providerId, arn, command.occurredAt()));
    }

    private void update(List<String> newClientIds, List<String> newThumbprints, Instant at) {
        apply(new OpenIdConnectProviderUpdatedEvent(accountId, providerId, arn, url, newClientIds, newThumbprints,
                createDate, at));
    }

    private void checkAddressed(OpenIdConnectProviderCommand command) {
        if (!accountId.equals(command.accountId()) || !arn.equals(command.arn())) {
            throw IamException.noSuchEntity(command.noSuchEntityMessage());
        }
    }

    /** Distinct, in the order given. */
    private static List<String> checkClientIds(List<String> ids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.size() > MAX_CLIENT_IDS) {
            throw IamException.limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: "
                    + MAX_CLIENT_IDS);
        }
        for (String id : distinct) {
            // the read model keeps the list one per line: a client id has no control characters
            if (id.isEmpty() || id.length() > MAX_CLIENT_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
                throw IamException.invalidInput("The client ID " + id + " is not valid: it must have 1 to "
                        + MAX_CLIENT_ID_LENGTH + " characters and no control characters.");
            }
        }
        return distinct;
    }

    private static List<String> checkThumbprints(List<String> prints) {
        if (prints.size() > MAX_THUMBPRINTS) {
            throw IamException.limitExceeded("Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: "
                    + MAX_THUMBPRINTS);
        }
        List<String> checked = new ArrayList<>();
        for (String print : prints) {
            if (!THUMBPRINT.matcher(print).matches()) {
                throw IamException.invalidInput("Thumbprint " + print + " is not valid: it must be 40 hex digits.");
            }
            if (!checked.contains(print.toLowerCase(Locale.ROOT))) {
                checked.add(print.toLowerCase(Locale.ROOT));
            }
        }
        return checked;
    }

    @EventSourcingHandler
    void on(OpenIdConnectProviderCreatedEvent event) {
        providerId = event.providerId();
        accountId = event.accountId();
        arn = event.arn();
        url = event.url();
        createDate = event.occurredAt();
        clientIds = new ArrayList<>(event.clientIds());
        thumbprints = new ArrayList<>(event.thumbprints());
    }

    @EventSourcingHandler
    void on(OpenIdConnectProviderUpdatedEvent event) {
        clientIds = new ArrayList<>(event.clientIds());
        thumbprints = new ArrayList<>(event.thumbprints());
    }

    @EventSourcingHandler
    void on(OpenIdConnectProviderDeletedEvent event) {
        markDeleted();
    }
}
