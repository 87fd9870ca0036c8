package io.kongsync.aws;

/**
 * An AWS call kongsync depends on failed, or answered something kongsync cannot use. The message names the call and
 * the cause (no credentials, no region, network, access denied, throttled, not found) and never holds a parameter
 * value.
 */
public final class AwsException extends RuntimeException {

    public AwsException(String message) {
        super(message);
    }

    AwsException(String message, Throwable cause) {
        super(message, cause);
    }
}
