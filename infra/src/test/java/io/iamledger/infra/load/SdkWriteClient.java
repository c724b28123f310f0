package io.iamledger.infra.load;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The benchmark's calls through the AWS SDK for Java v2 (url-connection HTTP, no retries, so every failure is
 * counted): what a real client fleet costs, measured on the same machine as the server ({@code --client=sdk}).
 */
final class SdkWriteClient implements WriteClient {
    private final IamClient iam;

    SdkWriteClient(URI endpoint, String accessKeyId, String secretAccessKey) {
        this.iam = IamClient.builder()
                .endpointOverride(endpoint)
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public void createUser(String userName) {
        call(() -> iam.createUser(r -> r.userName(userName)));
    }

    @Override
    public void attachUserPolicy(String userName, String policyArn) {
        call(() -> iam.attachUserPolicy(r -> r.userName(userName).policyArn(policyArn)));
    }

    private static void call(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : "(no code)";
            throw new CallFailed(code + " (HTTP " + e.statusCode() + ")", e.getMessage(), e);
        } catch (SdkClientException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new CallFailed("client: " + root.getClass().getSimpleName(), e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        iam.close();
    }
}
