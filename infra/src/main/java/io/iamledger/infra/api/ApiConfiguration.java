package io.iamledger.infra.api;

import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.infra.accounts.Accounts;
import io.iamledger.infra.audit.AuditLog;
import io.iamledger.infra.audit.AuditLookup;
import io.iamledger.infra.authz.AuthorizationIndex;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.authz.PolicySimulator;
import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.KeyUsage;
import io.iamledger.infra.credentials.MfaSeedVault;
import io.iamledger.infra.credentials.PasswordVault;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.credentials.SessionTokens;
import io.iamledger.infra.credentials.WebIdentityTokens;
import io.iamledger.infra.eventstore.EventPositions;
import io.iamledger.infra.history.TimeTravel;
import io.iamledger.infra.ledger.CheckpointSigner;
import io.iamledger.infra.ledger.Checkpointer;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.query.projection.ProjectionConsumer;
import io.iamledger.query.projection.ReadModelSchema;
import io.iamledger.query.readmodel.CredentialReportReadModel;
import io.iamledger.query.readmodel.IamReadModel;
import io.iamledger.query.readmodel.LoginProfileReadModel;
import io.iamledger.query.readmodel.MfaDeviceReadModel;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The AWS wire endpoint: the action table and the servlet serving it at the context root. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    @Bean
    WriteTracker writeTracker() {
        return new WriteTracker();
    }

    @Bean
    CommandSender commandSender(CommandGateway gateway, TransactionTemplate transactions, WriteTracker writes,
                                DataSource dataSource, @Qualifier("aggregateCache") Cache aggregateCache,
                                LedgerSettings settings) {
        return new CommandSender(gateway, transactions, writes, new EventPositions(dataSource), aggregateCache,
                settings.maxConcurrentWrites());
    }

    @Bean
    ReadGate readGate(WriteTracker writes, ProjectionConsumer projection, LedgerSettings settings) {
        return new ReadGate(writes, projection, settings.readYourWritesWait());
    }

    /** Compiled policies per principal, current with the read model as soon as the caller's own writes are. */
    @Bean
    AuthorizationIndex authorizationIndex(IamReadModel readModel, DataSource dataSource,
                                          ProjectionConsumer projection, ReadGate gate, WriteTracker writes) {
        return AuthorizationIndex.builder()
                .readModel(readModel)
                .positions(dataSource, LedgerSettings.READ_SCHEMA, projection)
                .ownWrites(gate::awaitOwnChanges, writes::lastAuthorizationChange)
                .build();
    }

    @Bean
    SessionTokens sessionTokens(CredentialVault vault) {
        return new SessionTokens(vault.sealer());
    }

    /** Who signed a request: the vault's long-term keys, and temporary keys whose session still stands. */
    @Bean
    CallerCredentials callerCredentials(CredentialVault vault, SessionTokens tokens, Authorizer authorizer,
                                        KeyUsage keyUsage) {
        return new CallerCredentials(vault, tokens, authorizer::stillValid, keyUsage);
    }

    @Bean
    Actions actions(CommandSender commands, EntityRegistry registry, IdGenerator ids, CredentialVault vault,
                    IamReadModel readModel, AuthorizationIndex authorization, SessionTokens tokens,
                    Authorizer authorizer, JdbcTemplate jdbc, MfaSeedVault mfaSeeds,
                    MfaDeviceReadModel mfaDevices, PasswordVault passwords,
                    LoginProfileReadModel loginProfiles, KeyUsage keyUsage,
                    CredentialReportReadModel credentialReports) {
        Edge edge = new Edge(registry);
        Actions actions = new Actions();
        new UserActions(commands, edge, ids, vault).register(actions);
        new GroupActions(commands, edge, ids).register(actions);
        new RoleActions(commands, edge, ids).register(actions);
        new PolicyActions(commands, edge, ids).register(actions);
        new AccessKeyActions(commands, edge, ids, vault, keyUsage, authorizer).register(actions);
        new MfaActions(commands, edge, ids, mfaSeeds, mfaDevices).register(actions);
        new LoginProfileActions(commands, edge, passwords, loginProfiles, authorizer).register(actions);
        new ReadActions(readModel).register(actions);
        new InstanceProfileActions(commands, edge, ids, readModel).register(actions);
        new OidcProviderActions(commands, edge, ids, readModel).register(actions);
        new ServiceLinkedRoleActions(commands, edge, ids, authorizer, jdbc).register(actions);
        new CredentialReportActions(credentialReports, passwords, keyUsage, jdbc).register(actions);
        String sessionAccountSql = "select account_id from " + ReadModelSchema.quoted(LedgerSettings.READ_SCHEMA)
                + ".role_sessions where access_key_id = ? limit 1";
        new StsActions(commands, ids, tokens, authorizer, vault, mfaSeeds,
                keyId -> jdbc.queryForList(sessionAccountSql, String.class, keyId).stream().findFirst())
                .register(actions);
        PolicySimulator simulator = PolicySimulator.create(authorization);
        new SimulationActions(simulator).register(actions);
        new ContextKeyActions(simulator).register(actions);
        return actions;
    }

    @Bean(destroyMethod = "close")
    AuditLog auditLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new AuditLog(jdbc, transactions);
    }

    @Bean
    Authorizer authorizer(AuthorizationIndex authorization, Accounts accounts) {
        return Authorizer.create(authorization, accounts::defaultAccountId);
    }

    /** Records of calls no account can be told for go to the default account. */
    @Bean
    CallRecorder callRecorder(AuditLog audit, Authorizer authorizer, CredentialVault vault, Accounts accounts) {
        return new CallRecorder(audit, authorizer, vault, accounts::defaultAccountId);
    }

    /** Mapped to "" (the context root exactly), so Spring MVC keeps serving /health and /actuator. */
    @Bean
    ServletRegistrationBean<AwsQueryServlet> awsQueryServlet(Actions actions, CallerCredentials credentials,
                                                             IdGenerator ids,
                                                             Authorizer authorizer, ReadGate gate,
                                                             CommandSender commands, CallRecorder recorder,
                                                             JdbcTemplate jdbc, SessionTokens tokens,
                                                             IamReadModel readModel, LedgerSettings settings) {
        for (QueryService service : QueryService.values()) {
            Authorizer.requireCovered(service, actions.names(service));
        }
        WebIdentityActions webIdentity = new WebIdentityActions(commands, ids, tokens, authorizer, readModel,
                new WebIdentityTokens(settings.dataDir()), gate);
        ServletRegistrationBean<AwsQueryServlet> registration = new ServletRegistrationBean<>(
                new AwsQueryServlet(actions, credentials, ids, Clock.systemUTC(), authorizer, gate, commands, recorder,
                        new CloudTrailActions(new AuditLookup(jdbc)), webIdentity), "");
        registration.setName("aws-query");
        return registration;
    }

    @Bean
    TimeTravel timeTravel(IamReadModel readModel, JdbcTemplate jdbc) {
        return new TimeTravel(readModel, jdbc, LedgerSettings.READ_SCHEMA);
    }

    /** The ledger's own JSON API (time travel, checkpoints, accounts), SigV4-signed like the AWS protocols. */
    @Bean
    ServletRegistrationBean<LedgerApiServlet> ledgerApiServlet(CallerCredentials credentials, IdGenerator ids,
                                                               Authorizer authorizer, ReadGate gate,
                                                               CommandSender commands, CallRecorder recorder,
                                                               TimeTravel timeTravel, Checkpointer checkpointer,
                                                               CheckpointSigner signer, Accounts accounts) {
        ServletRegistrationBean<LedgerApiServlet> registration = new ServletRegistrationBean<>(
                new LedgerApiServlet(credentials, ids, Clock.systemUTC(), authorizer, gate, commands, recorder,
                        timeTravel, checkpointer, signer.publicKeyPem(), accounts), "/v1/*");
        registration.setName("ledger-api");
        return registration;
    }
}
