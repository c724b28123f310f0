package io.iamledger.infra.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.events.account.PasswordPolicy;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.infra.credentials.KeyUsage;
import io.iamledger.query.readmodel.AccessKeyMetadata;
import io.iamledger.query.readmodel.CredentialReportReadModel.AccountCredentials;
import io.iamledger.query.readmodel.UserCredentials;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialReportCsvTest {
    private static final Instant T0 = Instant.parse("2026-03-03T14:00:00.750Z");

    @Test
    void rowsFollowAwsColumnsAndQuoteANameWithAComma() {
        AccessKeyMetadata key = new AccessKeyMetadata(Optional.empty(), "AKIAEXAMPLE1", AccessKeyStatus.Active, T0);
        UserCredentials comma = new UserCredentials("AIDA1", "ops,bob", "arn:aws:iam::123456789012:user/ops,bob",
                T0, true, true, List.of(key));
        PasswordPolicy policy = new PasswordPolicy(8, false, false, false, false, false, Optional.of(1),
                Optional.empty(), false);
        String csv = CredentialReportCsv.render(new AccountCredentials(List.of(comma), List.of()),
                new CredentialReportCsv.Facts("123456789012", T0, false, Map.of("AIDA1", T0), Optional.of(policy),
                        Map.of("AKIAEXAMPLE1", new KeyUsage.Use(T0.plusSeconds(60), "iam", "us-east-1"))));
        List<String> lines = List.of(csv.split("\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).split(",")).hasSize(CredentialReportCsv.COLUMNS.size());
        assertThat(lines.get(1)).isEqualTo("<root_account>,arn:aws:iam::123456789012:root,"
                + "2026-03-03T14:00:00+00:00,not_supported,no_information,not_supported,not_supported,false,"
                + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
        assertThat(lines.get(2)).isEqualTo("\"ops,bob\",\"arn:aws:iam::123456789012:user/ops,bob\","
                + "2026-03-03T14:00:00+00:00,true,no_information,2026-03-03T14:00:00+00:00,"
                + "2026-03-04T14:00:00+00:00,true,true,2026-03-03T14:00:00+00:00,2026-03-03T14:01:00+00:00,"
                + "us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
    }
}
