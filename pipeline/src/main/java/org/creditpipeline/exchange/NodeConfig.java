package org.creditpipeline.exchange;

import java.nio.file.Path;

import org.creditpipeline.normalize.RegionCodes;

/**
 * One node of the hierarchy, as configured in {@code job-configs/nodes/ID.yaml}.
 *
 * @param id        node id (names the database schema {@code node_<id>})
 * @param name      human name, e.g. 南明区
 * @param region    GB/T 2260 code of the node's region; {@code 000000} for the national node
 * @param level     county, city, province or national
 * @param parent    id of the node this one pushes to; null for the national node
 * @param transport how children deliver packages to this node: {@code directory} or {@code http}
 * @param keys      HMAC-SHA256 key(s) this node shares with its parent (sign its packages and the parent's acks); the
 *                  current one and those of a change under way ({@link NodeKeys}); none for the national node
 * @param directory this node's exchange directory (inbox of child packages, outbox of acks); relative to home
 * @param url       this node's intake URL when its transport is http
 * @param token     bearer token children present to this node's intake endpoint; null when none is configured
 * @param previousToken the token it replaces, still accepted by the intake while children switch (docs/EXCHANGE.md,
 *                  *Changing a key*); null when none
 * @param pushToken this node's own bearer token at its parent's HTTP intake (the same in both copies of its file): the
 *                  parent's intake takes only it on this node's paths; null when the node uses the parent's shared
 *                  {@code token}
 * @param previousPushToken the push token it replaces, still accepted by the parent's intake while this node switches;
 *                  read only by the parent; null when none
 */
public record NodeConfig(String id, String name, String region, Level level, String parent, Transport transport,
                         NodeKeys keys, Path directory, String url, Secret token, Secret previousToken,
                         Secret pushToken, Secret previousPushToken) {

    /** A node without a push token of its own (it presents its parent's shared token). */
    public NodeConfig(String id, String name, String region, Level level, String parent, Transport transport,
                      NodeKeys keys, Path directory, String url, Secret token, Secret previousToken) {
        this(id, name, region, level, parent, transport, keys, directory, url, token, previousToken, null, null);
    }

    /** A node whose intake accepts one token. */
    public NodeConfig(String id, String name, String region, Level level, String parent, Transport transport,
                      NodeKeys keys, Path directory, String url, Secret token) {
        this(id, name, region, level, parent, transport, keys, directory, url, token, null);
    }

    /** A node with one key and token given as they are (tests, tools). */
    public NodeConfig(String id, String name, String region, Level level, String parent, Transport transport,
                      String key, Path directory, String url, String token) {
        this(id, name, region, level, parent, transport, key == null ? NodeKeys.none(id, null)
                : NodeKeys.single(id, key), directory, url, token == null ? null : Secret.literal(token));
    }

    public enum Level {
        COUNTY, CITY, PROVINCE, NATIONAL
    }

    public enum Transport {
        DIRECTORY, HTTP
    }

    /** True when a record of {@code code} lies within this node's region (national holds every region). */
    public boolean covers(String code) {
        if (level == Level.NATIONAL) {
            return true;
        }
        // the topology checks that the region's shape fits the level, so the shape decides (as at ingest, NodeRegion)
        return RegionCodes.isWithin(code, region);
    }

    public Path inbox() {
        return directory.resolve("inbox");
    }

    /** Acknowledgements this node wrote for a child, read by the child (shared folder) or fetched over HTTP. */
    public Path acksFor(String child) {
        return directory.resolve("acks").resolve(child);
    }

    public Path packagesOut() {
        return directory.resolve("outbox");
    }
}
