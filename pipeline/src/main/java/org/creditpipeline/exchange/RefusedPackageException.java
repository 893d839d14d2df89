package org.creditpipeline.exchange;

/**
 * A package that must not be applied, with the reason in words the sending node's operator understands; and, once its
 * manifest's signature was verified, the id of the key that signed it (the refusal is signed with it).
 */
public class RefusedPackageException extends RuntimeException {

    private String keyId;

    public RefusedPackageException(String message) {
        super(message);
    }

    /** The key that signed the package; null when the signature was not verified (yet). */
    public String keyId() {
        return keyId;
    }

    RefusedPackageException signedWith(String id) {
        if (keyId == null) {
            keyId = id;
        }
        return this;
    }
}
