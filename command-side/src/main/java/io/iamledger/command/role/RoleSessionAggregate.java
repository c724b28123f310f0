package io.iamledger.command.role;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.IamException;
import io.iamledger.events.role.RoleSessionIssuedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One session of a role, issued by AssumeRole and identified by its temporary access key id. Sessions are not part
 * of the role's aggregate: every command on an aggregate waits for the one before it, and a role assumed by many
 * callers at once would issue its sessions one at a time. What the session needs of the role (its ARN and maximum
 * session duration) comes with the command. A session ends by itself, or when its role is deleted or its trust
 * policy changes, which the server checks on every call the session makes; nothing here changes afterwards.
 */
public class RoleSessionAggregate {
    /** AWS: a role assumed by a role (chaining) gets at most one hour, whatever its maximum. */
    private static final int CHAINED_SESSION_LIMIT = 3600;

    @AggregateIdentifier
    private String accessKeyId;

    RoleSessionAggregate() {
        // Axon (replaying events) and Jackson (reading a snapshot) create the aggregate through this constructor.
    }

    @CommandHandler
    RoleSessionAggregate(IssueRoleSessionCommand command) {
        int limit = command.chained() ? CHAINED_SESSION_LIMIT : command.roleMaxSessionDuration();
        if (command.durationSeconds() > limit) {
            throw IamException.validation(command.chained()
                    ? "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role"
                            + " chaining."
                    : "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        String sessionArn = Arn.assumedRole(command.accountId(), command.roleName(), command.sessionName()).toString();
        apply(new RoleSessionIssuedEvent(command.accountId(), command.roleId(), command.roleName(), command.roleArn(),
                command.sessionName(), sessionArn, command.accessKeyId(), command.issuerArn(),
                command.issuerAccountId(), command.sourceIdentity(), command.sessionPolicy(),
                command.sessionPolicyArns(), command.sessionTags(), command.transitiveTagKeys(),
                command.mfaAuthenticated(), command.occurredAt().plusSeconds(command.durationSeconds()),
                command.occurredAt()));
    }

    @EventSourcingHandler
    void on(RoleSessionIssuedEvent event) {
        accessKeyId = event.accessKeyId();
    }
}
