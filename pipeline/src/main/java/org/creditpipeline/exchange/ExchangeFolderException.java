package org.creditpipeline.exchange;

/**
 * A node's exchange folder is absent, has no marker or is another node's ({@link ExchangeFolder}): nothing was written
 * to it. The command line reports it as {@code EXCHANGE_FOLDER_MISSING}, exit 1.
 */
public class ExchangeFolderException extends RuntimeException {

    public ExchangeFolderException(String message) {
        super(message);
    }
}
