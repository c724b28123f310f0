package io.iamledger.infra.api;

import io.iamledger.infra.authz.AccessRequest;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import java.time.Instant;

/**
 * One authenticated API call as an action handler sees it: who calls, the parameters, the instant the call was
 * received (the timestamp of every event it causes), the call as authorization saw it (for actions that decide
 * more themselves, such as AssumeRole) and the means to answer.
 */
public record ApiCall(String requestId, QueryService service, String action, QueryParameters parameters,
                      Caller caller, Instant receivedAt, AccessRequest access) {

    public String accountId() {
        return caller.accountId();
    }

    /** A writer for this action's {@code <ActionResult>}; finish it with {@link #finish(XmlResponseWriter)}. */
    public XmlResponseWriter result() {
        return XmlResponseWriter.result(service, action);
    }

    public String finish(XmlResponseWriter writer) {
        return writer.finish(requestId);
    }

    /** The response of an action without output, such as AttachUserPolicy. */
    public String noResult() {
        return XmlResponseWriter.withoutResult(service, action, requestId);
    }
}
