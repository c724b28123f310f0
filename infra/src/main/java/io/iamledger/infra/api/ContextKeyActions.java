package io.iamledger.infra.api;

import io.iamledger.events.error.IamException;
import io.iamledger.infra.authz.PolicySimulator;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import java.util.List;
import java.util.Optional;

/**
 * The policy simulator's helpers on the wire: {@code GetContextKeysForPrincipalPolicy} and
 * {@code GetContextKeysForCustomPolicy} (both read-only), answering {@code ContextKeyNames}, the keys a simulation of
 * those policies would want in its {@code ContextEntries}.
 */
final class ContextKeyActions {
    private final PolicySimulator simulator;

    ContextKeyActions(PolicySimulator simulator) {
        this.simulator = simulator;
    }

    void register(Actions actions) {
        actions.read(QueryService.IAM, "GetContextKeysForPrincipalPolicy", call -> answer(call, simulator.contextKeys(
                        call.accountId(), Optional.of(call.parameters().requiredString("PolicySourceArn")),
                        call.parameters().stringList("PolicyInputList"))))
                .read(QueryService.IAM, "GetContextKeysForCustomPolicy", call -> {
                    QueryParameters p = call.parameters();
                    if (!p.isPresent("PolicyInputList")) {
                        // the botocore model marks it required; an empty list is sent as PolicyInputList= and allowed
                        throw IamException.validation("1 validation error detected: Value null at 'policyInputList' "
                                + "failed to satisfy constraint: Member must not be null");
                    }
                    return answer(call, simulator.contextKeys(call.accountId(), Optional.empty(),
                            p.stringList("PolicyInputList")));
                });
    }

    private static String answer(ApiCall call, List<String> keys) {
        return call.finish(call.result().stringList("ContextKeyNames", keys));
    }
}
