package io.iamledger.command.role;

import io.iamledger.events.error.IamException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What AWS names a service-linked role and attaches to it, by service principal: the role's name (with
 * {@code _SUFFIX} when a custom suffix is given and the service takes one), its path
 * {@code /aws-service-role/<service>/}, a trust policy that lets only that service assume it, and the AWS managed
 * policy that holds its permissions. Services not in the table below get AWS's usual form,
 * {@code AWSServiceRoleFor<Service>} with the first label capitalized, and no policy. Pure.
 */
public final class ServiceLinkedRoles {
    /** The path prefix of every service-linked role; no other role may use it. */
    public static final String PATH_PREFIX = "/aws-service-role/";
    private static final int MAX_SUFFIX_LENGTH = 64;
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,80}\\.amazonaws\\.com");
    private static final Pattern SUFFIX = Pattern.compile("[\\w+=,.@-]+");

    /** A known service: its role's name, its permissions policy, whether it takes a custom suffix. */
    private record Known(String roleName, String policyName, boolean takesSuffix) {}

    private static final Map<String, Known> KNOWN = Map.ofEntries(
            Map.entry("autoscaling.amazonaws.com",
                    new Known("AWSServiceRoleForAutoScaling", "AutoScalingServiceRolePolicy", true)),
            Map.entry("ecs.amazonaws.com", new Known("AWSServiceRoleForECS", "AmazonECSServiceRolePolicy", false)),
            Map.entry("rds.amazonaws.com", new Known("AWSServiceRoleForRDS", "AmazonRDSServiceRolePolicy", false)),
            Map.entry("elasticloadbalancing.amazonaws.com", new Known("AWSServiceRoleForElasticLoadBalancing",
                    "AWSElasticLoadBalancingServiceRolePolicy", false)),
            Map.entry("elasticbeanstalk.amazonaws.com", new Known("AWSServiceRoleForElasticBeanstalk",
                    "AWSElasticBeanstalkServiceRolePolicy", true)),
            Map.entry("organizations.amazonaws.com", new Known("AWSServiceRoleForOrganizations",
                    "AWSOrganizationsServiceTrustPolicy", false)),
            Map.entry("guardduty.amazonaws.com", new Known("AWSServiceRoleForAmazonGuardDuty",
                    "AmazonGuardDutyServiceRolePolicy", false)),
            Map.entry("eks.amazonaws.com", new Known("AWSServiceRoleForAmazonEKS", "AmazonEKSServiceRolePolicy",
                    false)),
            Map.entry("eks-nodegroup.amazonaws.com", new Known("AWSServiceRoleForAmazonEKSNodegroup",
                    "AWSServiceRoleForAmazonEKSNodegroup", false)),
            Map.entry("ssm.amazonaws.com", new Known("AWSServiceRoleForAmazonSSM", "AmazonSSMServiceRolePolicy",
                    false)),
            Map.entry("config.amazonaws.com", new Known("AWSServiceRoleForConfig", "AWSConfigServiceRolePolicy",
                    false)),
            Map.entry("support.amazonaws.com", new Known("AWSServiceRoleForSupport", "AWSSupportServiceRolePolicy",
                    false)),
            Map.entry("es.amazonaws.com", new Known("AWSServiceRoleForAmazonElasticsearchService",
                    "AmazonElasticsearchServiceRolePolicy", false)),
            Map.entry("opensearchservice.amazonaws.com", new Known("AWSServiceRoleForAmazonOpenSearchService",
                    "AmazonOpenSearchServiceRolePolicy", false)),
            Map.entry("spot.amazonaws.com", new Known("AWSServiceRoleForEC2Spot", "AWSEC2SpotServiceRolePolicy",
                    false)),
            Map.entry("trustedadvisor.amazonaws.com", new Known("AWSServiceRoleForTrustedAdvisor",
                    "AWSTrustedAdvisorServiceRolePolicy", false)),
            Map.entry("ecs.application-autoscaling.amazonaws.com", new Known(
                    "AWSServiceRoleForApplicationAutoScaling_ECSService", "AWSApplicationAutoscalingECSServicePolicy",
                    false)));

    /**
     * A service-linked role as CreateServiceLinkedRole makes it.
     *
     * @param policyArns the AWS managed policies attached to it (none for a service this table does not know)
     */
    public record Definition(String serviceName, String roleName, String path, String trustPolicy,
                             List<String> policyArns) {
        public Definition {
            policyArns = List.copyOf(policyArns);
        }
    }

    private ServiceLinkedRoles() {}

    /** @throws IamException InvalidInput for a malformed service principal or a suffix the service does not take */
    public static Definition define(String serviceName, Optional<String> customSuffix) {
        if (!SERVICE.matcher(serviceName).matches()) {
            throw IamException.invalidInput("Invalid service name: " + serviceName
                    + ". It must be a service principal such as elasticbeanstalk.amazonaws.com.");
        }
        Known known = KNOWN.get(serviceName);
        String label = serviceName.substring(0, serviceName.indexOf('.'));
        String baseName = known != null ? known.roleName()
                : "AWSServiceRoleFor" + Character.toUpperCase(label.charAt(0)) + label.substring(1);
        String roleName = baseName;
        if (customSuffix.isPresent()) {
            String suffix = customSuffix.get();
            if (known != null && !known.takesSuffix()) {
                throw IamException.invalidInput("Custom suffix is not allowed for " + serviceName);
            }
            if (suffix.isEmpty() || suffix.length() > MAX_SUFFIX_LENGTH || !SUFFIX.matcher(suffix).matches()) {
                throw IamException.invalidInput("The custom suffix must be 1 to " + MAX_SUFFIX_LENGTH
                        + " characters of [\\w+=,.@-].");
            }
            roleName = baseName + "_" + suffix;
        }
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":[\"" + serviceName + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
        List<String> policies = known == null ? List.of()
                : List.of("arn:aws:iam::aws:policy/aws-service-role/" + known.policyName());
        return new Definition(serviceName, roleName, PATH_PREFIX + serviceName + "/", trust, policies);
    }

    /** Whether a role on {@code path} is service-linked. */
    public static boolean isServiceLinked(String path) {
        return path.startsWith(PATH_PREFIX);
    }

    /** Whether {@code policyArn} is an AWS policy only service-linked roles may have. */
    public static boolean isServiceRolePolicy(String policyArn) {
        return policyArn.startsWith("arn:aws:iam::aws:policy" + PATH_PREFIX);
    }
}
