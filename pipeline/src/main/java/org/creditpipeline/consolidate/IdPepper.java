package org.creditpipeline.consolidate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node's ID pepper (DOMAIN.md §10, "hash 身份证 numbers with a secret pepper"): 32 random bytes that key the
 * HMAC-SHA256 turning a person's ID number into the identifier part of a match key ({@code P:} + 22 characters,
 * 128 bits in base64url), so that the key tables, their indexes and anything that prints a key do not hold the number
 * a second time. Without the pepper nobody can test a guessed number against a key (18-digit numbers with a region,
 * a birth date and a check character are few enough to try them all against an unkeyed hash). The value never
 * appears in {@link #toString()}, a message or a log.
 */
public final class IdPepper {

    /** Bytes of a pepper created by the node. */
    static final int BYTES = 32;
    /** Bytes of the HMAC kept in a key: 128 bits, 22 base64url characters. */
    private static final int KEPT_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] FINGERPRINT_LABEL = "credit-pipeline id pepper fingerprint".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;
    private final ThreadLocal<Mac> mac;

    IdPepper(byte[] key) {
        if (key.length < BYTES) {
            throw new IllegalArgumentException("an ID pepper needs at least " + BYTES + " bytes, got " + key.length);
        }
        this.key = key.clone();
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    /** A pepper given as is (tests, tools). */
    public static IdPepper of(byte[] key) {
        return new IdPepper(key);
    }

    /** The keyed hash of an ID number as it is stored in keys: 22 base64url characters, no digit run of the number. */
    public String hash(String number) {
        byte[] full = mac.get().doFinal(number.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, KEPT_BYTES));
    }

    /** A 身份证 number's identifier key. */
    public String personKey(String number) {
        return "P:" + hash(number);
    }

    /** Another ID document's identifier key: its type in clear, its number hashed. */
    public String documentKey(String type, String number) {
        return "I:" + type + ":" + hash(number);
    }

    /**
     * What the node's database records of the pepper its keys were made with: the HMAC of a fixed label, which tells
     * two peppers apart and reveals nothing of either (16 hex digits).
     */
    public String fingerprint() {
        return HexFormat.of().formatHex(Arrays.copyOf(mac.get().doFinal(FINGERPRINT_LABEL), 8));
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(new SecretKeySpec(key, ALGORITHM));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }

    /**
     * Reads the pepper in {@code file}: its bytes as written by {@link #create} (64 hex digits on one line), or any
     * text of at least 32 characters an operator put there. Fails with a message naming the file and what to do.
     */
    static IdPepper read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("the ID pepper file " + file + " does not exist (docs/OPERATIONS.md, The"
                    + " ID pepper): restore it from the node's backup, or correct credit.keys.id-pepper-file");
        } catch (IOException e) {
            throw new IllegalStateException("the ID pepper file " + file + " cannot be read (" + e.getMessage()
                    + "): the user the pipeline runs as must be able to read it");
        }
        if (text.matches("([0-9a-fA-F]{2}){32,}")) {
            return new IdPepper(HexFormat.of().parseHex(text));
        }
        if (text.length() < BYTES) {
            throw new IllegalStateException("the ID pepper file " + file + " holds " + text.length() + " characters;"
                    + " an ID pepper needs at least " + BYTES + " (64 hex digits as the node writes them)");
        }
        return new IdPepper(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates a new pepper in {@code file} (32 bytes from {@link SecureRandom}, 64 hex digits), readable and writable
     * by its owner only, in a folder only the owner may enter; refuses to overwrite a file that exists.
     */
    static IdPepper create(Path file) {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, ownerOnly("rwx------"));
            }
            Files.writeString(Files.createFile(file, ownerOnly("rw-------")), HexFormat.of().formatHex(key) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return read(file);
        } catch (IOException e) {
            throw new IllegalStateException("could not create the ID pepper file " + file + " (" + e.getMessage()
                    + "): the user the pipeline runs as must be able to write its folder");
        }
        return new IdPepper(key);
    }

    private static FileAttribute<?>[] ownerOnly(String mode) {
        try {
            Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
            if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)};
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its ACLs are the administrator's to set
        }
        return new FileAttribute<?>[0];
    }

    @Override
    public String toString() {
        return "IdPepper[" + fingerprint() + "]";
    }
}
