package io.iamledger.infra.api;

import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import java.util.function.Function;

/** STS actions. GetCallerIdentity needs no permission and can never be denied. */
final class StsActions {
    private final Function<Caller, String> callerArn;

    /** @param callerArn the caller's ARN (a user's ARN includes its path, which only the read model knows) */
    StsActions(Function<Caller, String> callerArn) {
        this.callerArn = callerArn;
    }

    void register(Actions actions) {
        actions.read(QueryService.STS, "GetCallerIdentity", this::getCallerIdentity);
    }

    private String getCallerIdentity(ApiCall call) {
        Caller caller = call.caller();
        XmlResponseWriter out = call.result()
                .element("UserId", caller.userId())
                .element("Account", caller.accountId())
                .element("Arn", callerArn.apply(caller));
        return call.finish(out);
    }
}
