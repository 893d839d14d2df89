package org.creditpipeline.exchange;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HMAC-SHA256 keys a node shares with its parent, each with an id, so that a key can be changed without both
 * sides switching at the same minute (docs/EXCHANGE.md, *Changing a key*). The node signs its packages with the first
 * key in force (listed newest first); the parent verifies with the key a package names, or any key it lists, and
 * refuses a package signed with a key from the day that key retires. Dates are days in China.
 */
public final class NodeKeys {

    /** The id of the key of the single-key form {@code key:} without {@code keyId:}. */
    public static final String DEFAULT_ID = "1";

    /**
     * @param from    the first day the key signs (null: at once); before it, it is only accepted
     * @param retires the day from which the key neither signs nor is accepted (null: never)
     */
    public record Key(String id, Secret secret, LocalDate from, LocalDate retires) {

        public boolean retiredOn(LocalDate day) {
            return retires != null && !day.isBefore(retires);
        }

        public boolean signsOn(LocalDate day) {
            return (from == null || !day.isBefore(from)) && !retiredOn(day);
        }
    }

    private final String node;
    private final Path file;
    private final List<Key> keys;

    NodeKeys(String node, Path file, List<Key> keys) {
        this.node = node;
        this.file = file;
        this.keys = List.copyOf(keys);
    }

    /** One key given as is, with the default id (tests, tools). */
    public static NodeKeys single(String node, String key) {
        return new NodeKeys(node, null, List.of(new Key(DEFAULT_ID, Secret.literal(key), null, null)));
    }

    /** A node without keys (the national node has no parent). */
    static NodeKeys none(String node, Path file) {
        return new NodeKeys(node, file, List.of());
    }

    public List<Key> all() {
        return keys;
    }

    public Optional<Key> get(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** Reads every key now (environment, files): a missing one fails the command that needs the keys, here. */
    public void resolve() {
        keys.forEach(k -> k.secret().value());
    }

    /** The key this node signs with on {@code day}: the first listed that is in force. */
    public Key signing(LocalDate day) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("node '" + node + "' has no key (" + file + "): give 'key:' (or"
                    + " 'keyFile:', or a 'keys:' list) shared with its parent");
        }
        return keys.stream().filter(k -> k.signsOn(day)).findFirst().orElseThrow(() -> new IllegalStateException(
                "node " + file + ": no key of node '" + node + "' signs on " + day + " (" + keys.stream()
                        .map(NodeKeys::describe).toList() + "): add the new key the parent has, or correct the"
                        + " dates (docs/EXCHANGE.md, Changing a key)"));
    }

    /**
     * The key an answer to a package is signed with: the one the package was signed with when listed and not
     * retired (a child that has not switched yet can verify it), else the key in force.
     */
    public Key answering(String keyId, LocalDate day) {
        Optional<Key> named = keyId == null ? Optional.empty() : get(keyId);
        if (named.isPresent() && !named.get().retiredOn(day)) {
            return named.get();
        }
        return keys.stream().filter(k -> k.signsOn(day)).findFirst().orElse(keys.get(0));
    }

    /**
     * The key whose HMAC of {@code data} is {@code signature}: the key named {@code keyId} first (when listed), then
     * the others (the two copies of a node file may name a key differently; a package of an older version names
     * none). Null when none matches. Retired keys are returned too: the caller says why they are not accepted.
     */
    public Key verifying(byte[] data, String signature, String keyId) {
        List<Key> order = new ArrayList<>(keys);
        get(keyId).ifPresent(named -> {
            order.remove(named);
            order.add(0, named);
        });
        for (Key k : order) {
            if (Signatures.verify(k.secret().value(), data, signature)) {
                return k;
            }
        }
        return null;
    }

    /** Why a package signed with a retired key is refused, in words the sending node's operator acts on. */
    public String retiredReason(Key key) {
        return "signed with key " + key.id() + " of node " + node + ", retired on " + key.retires() + ": update the"
                + " node file (" + node + ".yaml: sign with the current key; docs/EXCHANGE.md, Changing a key) / 签名"
                + "密钥 " + key.id() + " 已于 " + key.retires() + " 停用，请更新节点文件";
    }

    private static String describe(Key k) {
        return "key " + k.id() + (k.from() != null ? " from " + k.from() : "")
                + (k.retires() != null ? " retires " + k.retires() : "");
    }
}
