package io.iamledger.infra.protocol;

/** The services that speak awsQuery here, with the API version and XML namespace of their responses. */
public enum QueryService {
    IAM("iam", "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/"),
    STS("sts", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/");

    private final String signingName;
    private final String version;
    private final String xmlNamespace;

    QueryService(String signingName, String version, String xmlNamespace) {
        this.signingName = signingName;
        this.version = version;
        this.xmlNamespace = xmlNamespace;
    }

    /** The service name of SigV4 credential scopes, e.g. {@code iam}. */
    public String signingName() {
        return signingName;
    }

    /** The value the {@code Version} parameter must carry, e.g. {@code 2010-05-08}. */
    public String version() {
        return version;
    }

    /** The {@code xmlns} of every response and error response, e.g. {@code https://iam.amazonaws.com/doc/2010-05-08/}. */
    public String xmlNamespace() {
        return xmlNamespace;
    }
}
