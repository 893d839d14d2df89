package org.creditpipeline.exchange;

/** A package that must not be applied, with the reason in words the sending node's operator understands. */
public class RefusedPackageException extends RuntimeException {

    public RefusedPackageException(String message) {
        super(message);
    }
}
