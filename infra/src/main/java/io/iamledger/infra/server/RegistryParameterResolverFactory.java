package io.iamledger.infra.server;

import io.iamledger.command.registry.EntityRegistry;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Gives command handlers the {@link EntityRegistry} of the server handling the command.
 *
 * <p>Why this shape: Spring Boot's Axon set-up offers Spring beans as handler parameters only to Spring-managed
 * components, and our aggregates are registered through the configurer (command-side has no Spring). Axon always
 * consults factories registered through {@link java.util.ServiceLoader}, so this factory is registered there
 * ({@code META-INF/services}); it finds the registry in the unit of work, where {@link Interceptor} (registered on
 * each server's command bus) puts it. Two servers in one JVM therefore never see each other's registry.
 */
public final class RegistryParameterResolverFactory implements ParameterResolverFactory {
    static final String RESOURCE_KEY = EntityRegistry.class.getName();

    /** For the ServiceLoader. */
    public RegistryParameterResolverFactory() {
    }

    @Override
    public ParameterResolver<?> createInstance(Executable executable, Parameter[] parameters, int index) {
        if (parameters[index].getType() != EntityRegistry.class) {
            return null;
        }
        return new ParameterResolver<EntityRegistry>() {
            @Override
            public EntityRegistry resolveParameterValue(Message<?> message) {
                EntityRegistry registry = CurrentUnitOfWork.isStarted()
                        ? CurrentUnitOfWork.get().root().getResource(RESOURCE_KEY) : null;
                if (registry == null) {
                    throw new IllegalStateException("no EntityRegistry in the unit of work: is "
                            + Interceptor.class.getName() + " registered on the command bus?");
                }
                return registry;
            }

            @Override
            public boolean matches(Message<?> message) {
                return message instanceof CommandMessage;
            }
        };
    }

    /** Puts the server's registry into every command's unit of work. */
    static final class Interceptor implements MessageHandlerInterceptor<CommandMessage<?>> {
        private final EntityRegistry registry;

        Interceptor(EntityRegistry registry) {
            this.registry = registry;
        }

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            unitOfWork.root().resources().put(RESOURCE_KEY, registry);
            return chain.proceed();
        }
    }
}
