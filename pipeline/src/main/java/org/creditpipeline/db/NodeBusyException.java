package org.creditpipeline.db;

/**
 * Another credit-pipeline process holds the node (or, with the embedded database, its data directory): nothing was
 * done, and the same command can simply run again later. The command line exits with its own status (3) so that a
 * cron wrapper can tell "try again later" from a failure.
 */
public class NodeBusyException extends IllegalStateException {

    public NodeBusyException(String message) {
        super(message);
    }
}
