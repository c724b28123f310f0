package io.iamledger.infra.authz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which trust policies let who-can skip the principals whose own policies cannot allow sts:AssumeRole. */
class HistoricalEvaluatorTest {

    private static String trust(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"}]}";
    }

    @Test
    void aTrustPolicyNamingOnlyAccountsNeedsTheAssumersOwnPolicies() {
        assertThat(HistoricalEvaluator.trustsAccountsOnly(trust("{\"AWS\":\"arn:aws:iam::111122223333:root\"}")))
                .isTrue();
        assertThat(HistoricalEvaluator.trustsAccountsOnly(trust("{\"AWS\":[\"111122223333\","
                + "\"arn:aws:iam::444455556666:root\"]}"))).isTrue();
        // services and federated principals are never an IAM user or role
        assertThat(HistoricalEvaluator.trustsAccountsOnly(trust("{\"Service\":\"ec2.amazonaws.com\"}"))).isTrue();
    }

    @Test
    void aTrustPolicyThatMayNameAUserOrRoleItselfDoesNot() {
        assertThat(HistoricalEvaluator.trustsAccountsOnly(trust("{\"AWS\":\"arn:aws:iam::111122223333:user/bob\"}")))
                .isFalse();
        assertThat(HistoricalEvaluator.trustsAccountsOnly(trust("{\"AWS\":[\"111122223333\","
                + "\"arn:aws:iam::111122223333:role/ops\"]}"))).isFalse();
        assertThat(HistoricalEvaluator.trustsAccountsOnly(trust("\"*\""))).isFalse();
        assertThat(HistoricalEvaluator.trustsAccountsOnly(trust("{\"AWS\":\"*\"}"))).isFalse();
        assertThat(HistoricalEvaluator.trustsAccountsOnly("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}")).isFalse();
    }
}
