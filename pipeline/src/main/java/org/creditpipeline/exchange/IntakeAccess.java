package org.creditpipeline.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who may use which paths of an HTTP intake. A child with its own {@code pushToken} (in this node's copy of its node
 * file) is the only one whose token opens {@code packages/<child>/…} and {@code acks/<child>…}, so that its access is
 * withdrawn alone and no other child uploads or reads under its name; a child without one uses the intake's shared
 * {@code token}, as before per-child tokens. A previous value of either is accepted beside it while a token changes.
 *
 * <p>Every presented token is compared with every configured one, each in constant time (of their SHA-256, so that
 * the length does not show either), and no value ever appears in a message.
 */
final class IntakeAccess {

    /**
     * Whom a request's {@code Authorization} header speaks for.
     *
     * @param children the children whose own token it is (one, unless two files hold the same previous value)
     * @param shared   it is the intake's shared token (current or previous)
     * @param problem  why it speaks for nobody, for the log and the 401; null when it is someone's
     */
    record Presented(TreeSet<String> children, boolean shared, String problem) {

        boolean nobody() {
            return problem != null;
        }
    }

    private final String node;
    private final List<byte[]> shared;
    private final Map<String, List<byte[]>> own;

    private IntakeAccess(String node, List<byte[]> shared, Map<String, List<byte[]>> own) {
        this.node = node;
        this.shared = shared;
        this.own = own;
    }

    /**
     * Reads every token now (environment, files), so that a missing one fails {@code serve} before it listens, and
     * checks that each child has a token: its own, or the shared one.
     */
    static IntakeAccess of(NodeConfig node, NodeTopology topology) {
        List<byte[]> shared = digests(node.token(), node.previousToken());
        Map<String, List<byte[]>> own = new LinkedHashMap<>();
        Map<String, String> currentOwners = new LinkedHashMap<>();
        List<NodeConfig> children = topology.childrenOf(node.id());
        for (NodeConfig child : children) {
            if (child.pushToken() == null) {
                if (node.token() == null) {
                    throw new IllegalStateException("node '" + node.id() + "' cannot serve its intake: its child '"
                            + child.id() + "' has no 'pushToken:' in this node's copy of " + child.id() + ".yaml and"
                            + " " + node.id() + ".yaml has no shared 'token:'; give the child its own pushToken (the"
                            + " same in the child's copy) or the intake a token (docs/EXCHANGE.md, HTTP transport)");
                }
                continue;
            }
            own.put(child.id(), digests(child.pushToken(), child.previousPushToken()));
            String other = currentOwners.put(hex(digest(child.pushToken().value())), child.id());
            if (other != null) {
                throw new IllegalStateException("node '" + node.id() + "' cannot serve its intake: children '" + other
                        + "' and '" + child.id() + "' have the same 'pushToken' (" + child.pushToken().where()
                        + "): each child needs its own, or either could act for the other");
            }
            if (node.token() != null && MessageDigest.isEqual(digest(child.pushToken().value()),
                    digest(node.token().value()))) {
                throw new IllegalStateException("node '" + node.id() + "' cannot serve its intake: the 'pushToken' of"
                        + " child '" + child.id() + "' is the intake's shared 'token', which every child holds: give"
                        + " it a value of its own (while it switches, the shared one may be its 'previousPushToken')");
            }
        }
        if (node.token() == null && children.isEmpty()) {
            throw new IllegalStateException("node '" + node.id() + "' has no children and no 'token:' in its node"
                    + " file: its intake would refuse every request");
        }
        return new IntakeAccess(node.id(), shared, own);
    }

    /** Whose token the request's {@code Authorization} header(s) carry, compared with every configured token. */
    Presented identify(List<String> authorization) {
        if (authorization == null || authorization.isEmpty()) {
            return refused("no Authorization header (expected: Bearer <token>)");
        }
        if (authorization.size() > 1) {
            return refused(authorization.size() + " Authorization headers (expected one: Bearer <token>)");
        }
        String header = authorization.get(0).strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return refused("the Authorization header is not 'Bearer <token>'");
        }
        String token = header.substring(space + 1).strip();
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return refused("the Authorization header is not 'Bearer <token>'");
        }
        byte[] given = digest(token);
        boolean isShared = matchesAny(given, shared);
        TreeSet<String> children = new TreeSet<>();
        own.forEach((child, tokens) -> {
            if (matchesAny(given, tokens)) {
                children.add(child);
            }
        });
        if (!isShared && children.isEmpty()) {
            return refused("a token this intake does not know");
        }
        return new Presented(children, isShared, null);
    }

    /** Why {@code presented} may not act for {@code child}; null when it may. */
    String refusal(Presented presented, String child) {
        if (own.containsKey(child)) {
            if (presented.children().contains(child)) {
                return null;
            }
            return (presented.children().isEmpty() ? "the shared token of node '" + node + "'"
                    : "the token of node " + names(presented)) + " was presented for node '" + child + "', which has"
                    + " its own pushToken / 令牌不属于该节点";
        }
        if (presented.shared()) {
            return null;
        }
        return "the token of node " + names(presented) + " was presented for node '" + child + "', which uses the"
                + " shared token / 令牌不属于该节点";
    }

    private static String names(Presented presented) {
        List<String> quoted = new ArrayList<>();
        presented.children().forEach(c -> quoted.add("'" + c + "'"));
        return String.join(" and ", quoted);
    }

    private static Presented refused(String why) {
        return new Presented(new TreeSet<>(), false, why);
    }

    private static boolean matchesAny(byte[] given, List<byte[]> tokens) {
        boolean match = false;
        for (byte[] t : tokens) {
            match |= MessageDigest.isEqual(given, t); // no early exit: every comparison is made
        }
        return match;
    }

    private static List<byte[]> digests(Secret current, Secret previous) {
        List<byte[]> digests = new ArrayList<>();
        if (current != null) {
            digests.add(digest(current.value()));
        }
        if (previous != null) {
            digests.add(digest(previous.value()));
        }
        return digests;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
