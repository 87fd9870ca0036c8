package io.kongsync.aws;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** One line saying why an AWS call failed, without anything the answer may have carried besides AWS's error. */
final class AwsErrors {

    private AwsErrors() {
    }

    static AwsException failed(String call, RuntimeException e) {
        return new AwsException(call + " failed: " + describe(e), e);
    }

    static String describe(Throwable e) {
        if (e instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String message = details == null || details.errorMessage() == null ? "" : ": " + details.errorMessage();
            return code == null ? "HTTP " + service.statusCode() + message
                    : code + message + " (HTTP " + service.statusCode() + ")";
        }
        String message = firstLine(e.getMessage());
        if (message.startsWith("Unable to load credentials")) {
            return "no AWS credentials found (environment, system properties, profile, container or instance role): "
                    + message;
        }
        if (message.startsWith("Unable to load region")) {
            return "no AWS region set (the region setting, AWS_REGION or a profile): " + message;
        }
        return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    /**
     * The first line, cut before a JSON parser's {@code [Source: ...]} excerpt: when an answer cannot be parsed, that
     * excerpt could quote the answer, and an answer of GetParameters holds secrets.
     */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int source = message.indexOf("[Source");
        String cut = source >= 0 ? message.substring(0, source) : message;
        int newline = cut.indexOf('\n');
        return (newline >= 0 ? cut.substring(0, newline) : cut).trim();
    }
}
