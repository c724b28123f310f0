package io.iamledger.infra.load;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
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
                .httpClient(httpClient())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The benchmark clients' HTTP: url-connection, 5 s to connect, 60 s per read. */
    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
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

    /** Makes an SDK call; a failure becomes {@link CallFailed} with the AWS error code or the client-side cause. */
    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
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
