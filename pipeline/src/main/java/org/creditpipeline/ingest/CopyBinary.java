package org.creditpipeline.ingest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

import org.postgresql.copy.CopyIn;

/**
 * A growing buffer of PostgreSQL's binary COPY format ({@code COPY ... FROM STDIN (FORMAT binary)}), for the staging
 * table's hot path: the server takes values as they are stored instead of parsing text, which cut its time per staged
 * row by about a quarter (docs/PERFORMANCE.md). Each value is written with the binary form of its column's type, so
 * the caller must name columns in the order and of the types it writes: {@code text}/{@code char(n)} (UTF-8 bytes),
 * {@code bigint}, {@code integer}, {@code date}, {@code numeric}, {@code jsonb}.
 *
 * <p>Text is encoded as {@link CopyText} encodes it: U+0000, which PostgreSQL cannot store in text, is dropped, and a
 * lone surrogate becomes U+FFFD.
 */
public final class CopyBinary {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, // flags
            0, 0, 0, 0}; // header extension length
    /** PostgreSQL dates count days from 2000-01-01. */
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private byte[] buf = new byte[1 << 20];
    private int len;
    private boolean headerWritten;
    /** Where the current row's field count goes, and how many fields it has so far. */
    private int rowStart = -1;
    private int fields;

    /** Starts a row. */
    public void startRow() {
        writeHeaderOnce();
        ensure(2);
        rowStart = len;
        len += 2;
        fields = 0;
    }

    /** Ends the row started last. */
    public void endRow() {
        buf[rowStart] = (byte) (fields >> 8);
        buf[rowStart + 1] = (byte) fields;
        rowStart = -1;
    }

    public void nullValue() {
        ensure(4);
        putInt(-1);
        fields++;
    }

    /** A {@code text} (or {@code char(n)}) value. */
    public void text(String s) {
        if (s == null) {
            nullValue();
            return;
        }
        ensure(4 + s.length() * 3);
        int lengthAt = len;
        int p = CopyText.utf8(s, buf, len + 4, false);
        len = lengthAt;
        putInt(p - lengthAt - 4);
        len = p;
        fields++;
    }

    /** A {@code jsonb} value from the UTF-8 bytes of its JSON text (which the server checks). */
    public void jsonb(byte[] utf8, int off, int length) {
        ensure(5 + length);
        putInt(length + 1);
        buf[len++] = 1;
        System.arraycopy(utf8, off, buf, len, length);
        len += length;
        fields++;
    }

    /** A {@code bigint} value. */
    public void int8(long v) {
        ensure(12);
        putInt(8);
        putInt((int) (v >>> 32));
        putInt((int) v);
        fields++;
    }

    /** An {@code integer} value, or null. */
    public void int4(Integer v) {
        if (v == null) {
            nullValue();
            return;
        }
        ensure(8);
        putInt(4);
        putInt(v);
        fields++;
    }

    /** A {@code date} value, or null. */
    public void date(LocalDate d) {
        if (d == null) {
            nullValue();
            return;
        }
        ensure(8);
        putInt(4);
        putInt(Math.toIntExact(d.toEpochDay() - PG_EPOCH_DAY));
        fields++;
    }

    /** A {@code timestamptz} value, or null: microseconds since 2000-01-01 00:00 UTC. */
    public void timestamptz(java.time.OffsetDateTime t) {
        if (t == null) {
            nullValue();
            return;
        }
        java.time.Instant i = t.toInstant();
        long micros = Math.addExact(Math.multiplyExact(i.getEpochSecond() - PG_EPOCH_DAY * 86_400, 1_000_000L),
                i.getNano() / 1_000);
        ensure(12);
        putInt(8);
        putInt((int) (micros >>> 32));
        putInt((int) micros);
        fields++;
    }

    /**
     * A {@code numeric} value, or null: base-10000 digits around the decimal point, as numeric_recv reads them (the
     * column's typmod then rounds to its scale, as it would the text form).
     */
    public void numeric(BigDecimal v) {
        if (v == null) {
            nullValue();
            return;
        }
        int scale = Math.max(v.scale(), 0);
        int fracGroups = (scale + 3) / 4;
        // The absolute value with exactly fracGroups * 4 fraction digits, cut into base-10000 groups, least
        // significant first: groups[0 .. fracGroups - 1] lie after the point, the most significant is never zero.
        BigInteger all = v.abs().setScale(fracGroups * 4).unscaledValue();
        short[] groups = new short[all.bitLength() / 13 + 1];
        int count = 0;
        while (all.signum() > 0) {
            BigInteger[] qr = all.divideAndRemainder(TEN_THOUSAND);
            groups[count++] = qr[1].shortValueExact();
            all = qr[0];
        }
        int last = 0;
        while (last < count && groups[last] == 0) {
            last++; // trailing zero groups are not sent
        }
        int ndigits = count - last;
        ensure(4 + 8 + ndigits * 2);
        putInt(8 + ndigits * 2);
        putShort(ndigits);
        putShort(count == 0 ? 0 : count - fracGroups - 1); // weight of the first group, in powers of 10000
        putShort(v.signum() < 0 ? 0x4000 : 0);
        putShort(scale);
        for (int i = count - 1; i >= last; i--) {
            putShort(groups[i]);
        }
        fields++;
    }

    public int size() {
        return len;
    }

    /** Empties the buffer; the next row starts a new COPY stream, with its header. */
    public void reset() {
        len = 0;
        headerWritten = false;
        rowStart = -1;
    }

    /** Sends the rows buffered so far into an open COPY (between rows); the stream goes on. */
    public void sendTo(CopyIn copy) throws SQLException {
        if (len > 0) {
            copy.writeToCopy(buf, 0, len);
        }
        len = 0;
    }

    /** Sends what is left and the end-of-data marker (after the header, when no row was written). */
    public void finish(CopyIn copy) throws SQLException {
        writeHeaderOnce();
        ensure(2);
        putShort(-1);
        sendTo(copy);
    }

    private void writeHeaderOnce() {
        if (!headerWritten) {
            ensure(HEADER.length);
            System.arraycopy(HEADER, 0, buf, len, HEADER.length);
            len += HEADER.length;
            headerWritten = true;
        }
    }

    private void putInt(int v) {
        byte[] b = buf;
        int p = len;
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        len = p + 4;
    }

    private void putShort(int v) {
        buf[len] = (byte) (v >>> 8);
        buf[len + 1] = (byte) v;
        len += 2;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
