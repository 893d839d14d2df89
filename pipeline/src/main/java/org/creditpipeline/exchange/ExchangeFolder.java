package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A node's exchange folder (its {@code directory}) is trusted only when it holds the marker file
 * {@value #MARKER} naming the node that owns (reads) it, a line {@code node: ID}. A shared folder that is not mounted
 * is an empty local directory, or none at all: without the marker, push would write packages onto the local disk where
 * the parent never looks, and receive would report an empty inbox. The marker is written on purpose, once, by
 * {@code credit-pipeline exchange init}; push and receive only check it (they cannot tell a new folder from a mount
 * point whose share is missing).
 */
public final class ExchangeFolder {

    /** File name of the marker, in the exchange folder itself. */
    public static final String MARKER = ".credit-exchange";

    private ExchangeFolder() {
    }

    /**
     * Throws {@link ExchangeFolderException} unless the node's exchange folder exists and its marker names the node;
     * the message names what was being done ({@code action}), the folder, what is wrong and how to fix it.
     */
    public static void check(NodeConfig owner, String action) {
        String problem = problem(owner);
        if (problem != null) {
            throw new ExchangeFolderException(action + " refused: " + problem);
        }
    }

    /**
     * Creates the node's exchange folder (when missing) and its marker. Returns true when it wrote the marker, false
     * when the marker named the node already; a marker naming another node is never overwritten (that folder is most
     * likely someone else's: the node's {@code directory} or the mount is wrong).
     */
    public static boolean init(NodeConfig owner) {
        Path dir = owner.directory();
        Path marker = dir.resolve(MARKER);
        try {
            if (Files.exists(marker)) {
                String problem = problem(owner);
                if (problem != null) {
                    throw new ExchangeFolderException("exchange init refused: " + problem);
                }
                return false;
            }
            Files.createDirectories(dir);
            Path partial = dir.resolve(MARKER + ".part");
            Files.writeString(partial, markerText(owner.id()), StandardCharsets.UTF_8);
            Files.move(partial, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot initialise the exchange folder " + dir + " of node '" + owner.id()
                    + "': " + e.getMessage(), e);
        }
    }

    /**
     * The node the folder's marker names when that is not {@code owner} (the node's {@code directory} or the mount is
     * wrong: the folder is someone else's); null when the marker names the node, or there is no readable marker.
     */
    public static String otherOwner(NodeConfig owner) {
        Path marker = owner.directory().resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        try {
            String named = owner(Files.readString(marker, StandardCharsets.UTF_8));
            return named == null || named.equals(owner.id()) ? null : named;
        } catch (IOException e) {
            return null;
        }
    }

    /** The marker's content: a comment for whoever finds the file, and the owner. */
    static String markerText(String node) {
        return "# exchange folder of credit-pipeline node '" + node + "' (docs/EXCHANGE.md); push and receive check"
                + " this file\nnode: " + node + "\n";
    }

    /** The node a marker names (its first line {@code node: ID}, comments and blank lines aside), or null. */
    static String owner(String text) {
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("node:")) {
                String id = l.substring("node:".length()).strip();
                return id.isEmpty() ? null : id;
            }
            return null;
        }
        return null;
    }

    /** Null when the folder is the node's; else what is wrong and the fix, in one line. */
    private static String problem(NodeConfig owner) {
        Path dir = owner.directory().toAbsolutePath();
        String id = owner.id();
        String init = "credit-pipeline exchange init --node " + id;
        if (!Files.isDirectory(dir)) {
            String what = Files.exists(dir) ? "is not a folder" : "does not exist (not mounted?)";
            return "exchange folder " + dir + " of node '" + id + "' " + what + ": mount the shared folder there, or"
                    + " set 'directory' in the node's file; a new node's folder is created with: " + init
                    + " / 交换目录不存在（未挂载？）";
        }
        Path marker = dir.resolve(MARKER);
        String write = "echo 'node: " + id + "' > " + shell(marker);
        if (!Files.isRegularFile(marker)) {
            return "exchange folder " + dir + " of node '" + id + "' has no marker " + MARKER + " (an empty mount"
                    + " point: not mounted? or the wrong folder); if it is the right folder, create the marker: " + init
                    + " (or: " + write + ") / 交换目录缺少标记文件（未挂载或目录错误？）";
        }
        String named;
        try {
            named = owner(Files.readString(marker, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "cannot read the marker " + marker + " of node '" + id + "': " + e.getMessage();
        }
        if (named == null) {
            return "the marker " + marker + " names no node (expected a line 'node: " + id + "'); rewrite it: "
                    + write + " / 交换目录标记文件无效";
        }
        if (!named.equals(id)) {
            return "exchange folder " + dir + " belongs to node '" + named + "', not to node '" + id + "' (its marker "
                    + MARKER + " says node: " + named + "): correct the 'directory' of node '" + id + "' or the mount;"
                    + " if it really is the folder of node '" + id + "', rewrite the marker: " + write
                    + " / 交换目录属于其他节点";
        }
        return null;
    }

    /** A path as a shell word (quoted when it holds anything but plain characters). */
    private static String shell(Path path) {
        String s = path.toString();
        return s.matches("[A-Za-z0-9/._+:@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
