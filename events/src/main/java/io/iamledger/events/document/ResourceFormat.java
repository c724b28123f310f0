package io.iamledger.events.document;

import io.iamledger.events.error.IamException;
import java.util.Optional;

/**
 * The shape AWS requires of a {@code Resource} or {@code NotResource} entry other than {@code *}. AWS checks it in two
 * places: a format check whose messages name the entry ({@code must be in ARN format}, partition, vendor), reported
 * after the statement's actions are checked, and the earlier legacy parse ({@code The policy failed legacy parsing}),
 * which only looks at statements whose entries all passed the format check.
 *
 * <p>An ARN pattern may have fewer than six colon-separated parts: {@code arn:aws:s3::*},
 * {@code arn:aws:lambda:us-east-1:111111111*}. AWS accepts such a short pattern unless it has an empty part and does not
 * end in {@code *}; how it matches is the evaluator's business (IAM User Guide, "IAM JSON policy elements: Resource":
 * "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon
 * boundaries").
 */
final class ResourceFormat {
    private ResourceFormat() {
    }

    /** The format problem of {@code resource} at {@code path}, if it has one. */
    static Optional<IamException> problem(String resource, Path path) {
        if (resource.equals("*")) {
            return Optional.empty();
        }
        int first = resource.indexOf(':');
        if (first < 0) {
            // moto policy_validation.py _validate_resource_format, test cases "sdfsadf" and "" (AWS's message).
            return Optional.of(Problems.invalidResource(resource, path));
        }
        int second = resource.indexOf(':', first + 1);
        String partition = second < 0 ? resource.substring(first + 1) : resource.substring(first + 1, second);
        if (!partition.equals("*") && !PolicyValidator.PARTITIONS.contains(partition)) {
            // AWS names the resource with "arn" first and missing parts filled with "*": "a:b:cadfsdf" is reported as
            // "arn:b:cadfsdf:*:*:*" (moto test cases, modelled on AWS's responses).
            String rest = second < 0 ? "" : resource.substring(second + 1);
            return Optional.of(Problems.invalidPartition(partition, "arn:" + partition + ":" + filled(rest), path));
        }
        if (!resource.startsWith("arn:")) {
            // moto does not look at the first part, but no recorded AWS response shows another prefix accepted, and a
            // pattern that cannot match an ARN would sit in the document as a silent no-op; refused as not an ARN.
            return Optional.of(Problems.invalidResource(resource, path));
        }
        if (second < 0) {
            // "arn:aws" has no vendor at all (moto test case, AWS's message).
            return Optional.of(Problems.malformed(Problems.RESOURCE_VENDOR,
                    "found " + Problems.quote(resource) + " at " + path));
        }
        String service = service(resource, second);
        if (service.indexOf('*') >= 0 || service.indexOf('?') >= 0) {
            // IAM User Guide, Resource element: "You can't use a wildcard in the service segment".
            return Optional.of(Problems.malformed(Problems.RESOURCE_VENDOR,
                    "found " + Problems.quote(resource) + " at " + path));
        }
        return Optional.empty();
    }

    /**
     * Why a resource that passed the format check fails AWS's legacy parse, if it does: an empty service
     * ({@code arn:aws::::x}, {@code arn:aws::x}), or fewer than six parts with an empty one and no closing {@code *}
     * ({@code arn:aws:s3::example_bucket} fails, {@code arn:aws:s3::*} and {@code arn:aws:fdsasf} pass).
     */
    static Optional<String> legacyProblem(String resource) {
        if (resource.equals("*")) {
            return Optional.empty();
        }
        int second = resource.indexOf(':', resource.indexOf(':') + 1);
        if (service(resource, second).isEmpty()) {
            // moto test cases "arn:aws::::example_bucket" and "arn:aws::fdsasf".
            return Optional.of("has no service");
        }
        // moto _legacy_parse_resource_like: fewer than five colons and a "::" fail ("arn:aws:s3::example_bucket").
        // A short pattern closed by "*" passes: "arn:aws:s3::*" and "arn:aws:iam::*" are deployed in published
        // CloudFormation/CDK and Terraform code (e.g. the GuardDuty hands-on CDK stack's user policy).
        if (colons(resource) < 5 && resource.contains("::") && !resource.endsWith("*")) {
            return Optional.of("has fewer than six parts, an empty one, and no closing *");
        }
        return Optional.empty();
    }

    /** The service part of a resource whose second colon is at {@code second}. */
    private static String service(String resource, int second) {
        int third = resource.indexOf(':', second + 1);
        return third < 0 ? resource.substring(second + 1) : resource.substring(second + 1, third);
    }

    /** Service, region, account and resource parts of {@code rest}, each missing one written {@code *}. */
    private static String filled(String rest) {
        String[] parts = rest.split(":", 4);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                out.append(':');
            }
            boolean missing = i >= parts.length || i == 0 && parts.length == 1 && parts[0].isEmpty();
            out.append(missing ? "*" : parts[i]);
        }
        return out.toString();
    }

    private static int colons(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ':') {
                count++;
            }
        }
        return count;
    }
}
