package io.iamledger.command.oidc;

import static io.iamledger.command.testing.IamErrors.alreadyExists;
import static io.iamledger.command.testing.IamErrors.invalidInput;
import static io.iamledger.command.testing.IamErrors.limitExceeded;
import static io.iamledger.command.testing.IamErrors.noSuchEntity;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.command.NoSuchEntityInterceptor;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.testing.InMemoryEntityRegistry;
import io.iamledger.events.oidc.OpenIdConnectProviderCreatedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderDeletedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderUpdatedEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenIdConnectProviderAggregateTest {
    private static final String ACCOUNT = "123456789012";
    private static final String ID = "OIDCEXAMPLEPROVIDER1";
    private static final String ARN = "arn:aws:iam::123456789012:oidc-provider/id.example.com/tenant";
    private static final String PRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");

    private FixtureConfiguration<OpenIdConnectProviderAggregate> fixture;
    private InMemoryEntityRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryEntityRegistry();
        fixture = new AggregateTestFixture<>(OpenIdConnectProviderAggregate.class);
        fixture.registerInjectableResource(registry);
        fixture.registerCommandHandlerInterceptor(new NoSuchEntityInterceptor());
    }

    private static OpenIdConnectProviderCreatedEvent created() {
        return new OpenIdConnectProviderCreatedEvent(ACCOUNT, ID, ARN, "id.example.com/tenant", List.of("app"),
                List.of(PRINT), List.of(), T0);
    }

    @Test
    void registersAProviderByItsUrlWithoutTheSchemeOrATrailingSlash() {
        fixture.givenNoPriorActivity()
                .when(new CreateOpenIdConnectProviderCommand(ACCOUNT, ID, "https://id.example.com/tenant/",
                        List.of("app", "app"), List.of(PRINT.toUpperCase()), List.of(), T0))
                .expectEvents(created());
        assertThat(registry.find(ACCOUNT, EntityKind.OIDC_PROVIDER, ARN)).contains(ID);
    }

    @Test
    void aUrlRegisteredAlreadyIsRefused() {
        registry.claim(ACCOUNT, EntityKind.OIDC_PROVIDER, ARN, "OIDCOTHER");
        fixture.givenNoPriorActivity()
                .when(new CreateOpenIdConnectProviderCommand(ACCOUNT, ID, "https://id.example.com/tenant",
                        List.of(), List.of(), List.of(), T0))
                .expectException(alreadyExists("Provider with url https://id.example.com/tenant already exists."));
    }

    @Test
    void onlyHttpsUrlsAreAccepted() {
        fixture.givenNoPriorActivity()
                .when(new CreateOpenIdConnectProviderCommand(ACCOUNT, ID, "http://id.example.com", List.of(),
                        List.of(), List.of(), T0))
                .expectException(invalidInput("The URL http://id.example.com is not valid: it must be an https://"
                        + " URL without a query or fragment, at most 255 characters."));
    }

    @Test
    void thumbprintsAreFortyHexDigitsAndFiveAtMost() {
        fixture.givenNoPriorActivity()
                .when(new CreateOpenIdConnectProviderCommand(ACCOUNT, ID, "https://id.example.com", List.of(),
                        List.of("abc"), List.of(), T0))
                .expectException(invalidInput("Thumbprint abc is not valid: it must be 40 hex digits."));
        fixture.given(created())
                .when(new UpdateThumbprintsCommand(ACCOUNT, ID, ARN, Collections.nCopies(6, PRINT), T1))
                .expectException(limitExceeded("Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: 5"));
    }

    @Test
    void clientIdsAreAddedAndRemovedOnce() {
        fixture.given(created())
                .when(new AddClientIdCommand(ACCOUNT, ID, ARN, "cli", T1))
                .expectEvents(new OpenIdConnectProviderUpdatedEvent(ACCOUNT, ID, ARN, "id.example.com/tenant",
                        List.of("app", "cli"), List.of(PRINT), T0, T1));
        fixture.given(created())
                .when(new AddClientIdCommand(ACCOUNT, ID, ARN, "app", T1))
                .expectNoEvents();
        fixture.given(created())
                .when(new RemoveClientIdCommand(ACCOUNT, ID, ARN, "app", T1))
                .expectEvents(new OpenIdConnectProviderUpdatedEvent(ACCOUNT, ID, ARN, "id.example.com/tenant",
                        List.of(), List.of(PRINT), T0, T1));
        fixture.given(created())
                .when(new RemoveClientIdCommand(ACCOUNT, ID, ARN, "nope", T1))
                .expectNoEvents();
    }

    @Test
    void aDeletedProviderIsNoSuchEntity() {
        registry.claim(ACCOUNT, EntityKind.OIDC_PROVIDER, ARN, ID);
        fixture.given(created())
                .when(new DeleteOpenIdConnectProviderCommand(ACCOUNT, ID, ARN, T1))
                .expectEvents(new OpenIdConnectProviderDeletedEvent(ACCOUNT, ID, ARN, T1))
                .expectMarkedDeleted();
        assertThat(registry.find(ACCOUNT, EntityKind.OIDC_PROVIDER, ARN)).isEmpty();
        fixture.given(created(), new OpenIdConnectProviderDeletedEvent(ACCOUNT, ID, ARN, T0))
                .when(new AddClientIdCommand(ACCOUNT, ID, ARN, "cli", T1))
                .expectException(noSuchEntity("OpenIDConnect Provider not found for arn " + ARN));
    }
}
