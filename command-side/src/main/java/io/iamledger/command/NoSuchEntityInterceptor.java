package io.iamledger.command;

import io.iamledger.events.error.IamException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Turns Axon's refusal to load an aggregate that was never created or has been deleted (deleted aggregates call
 * {@code markDeleted()}) into AWS's NoSuchEntity for {@link EntityCommand}s, e.g. {@code The user with name bob
 * cannot be found.}; other failures pass unchanged. Register it as a command handler interceptor on the command
 * bus. Stateless and thread-safe.
 */
public final class NoSuchEntityInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (AggregateNotFoundException e) {
            if (unitOfWork.getMessage().getPayload() instanceof EntityCommand command) {
                throw IamException.noSuchEntity(command.noSuchEntityMessage());
            }
            throw e;
        }
    }
}
