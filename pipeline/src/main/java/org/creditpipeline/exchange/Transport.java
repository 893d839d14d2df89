package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** How a child hands packages to its parent and fetches the parent's acknowledgements. */
public interface Transport {

    /**
     * Throws {@link ExchangeFolderException} when packages for the parent would not reach it (a shared folder that is
     * not mounted); called before anything is built or delivered. Nothing to check for HTTP: a failed upload fails.
     */
    default void checkDestination(NodeConfig parent, NodeConfig child) {
    }

    /** Delivers a package; delivering the same package again is harmless (the parent keeps one copy). */
    void deliver(NodeConfig parent, NodeConfig child, Path packageFile) throws IOException;

    /** The parent's acknowledgement files for this child, by file name. */
    Map<String, byte[]> acknowledgements(NodeConfig parent, NodeConfig child) throws IOException;

    static Transport of(NodeConfig parent) {
        return parent.transport() == NodeConfig.Transport.HTTP ? new HttpTransport() : new DirectoryTransport();
    }
}
