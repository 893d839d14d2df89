package org.creditpipeline.ingest.read.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which encoding a text file is in, from its bytes: a UTF-8 or UTF-16 byte-order mark; UTF-16 without one when every
 * other byte is zero (ASCII in UTF-16); otherwise UTF-8 when the first
 * megabyte decodes as strict UTF-8; otherwise GB18030 (a superset of GBK and GB2312, which is what Chinese Excel and
 * government systems write). A GBK file is therefore never read as UTF-8 and turned into mojibake.
 *
 * @param charset  the encoding
 * @param bomBytes how many bytes of byte-order mark to skip
 */
public record TextEncoding(Charset charset, int bomBytes) {

    private static final int SAMPLE = 1 << 20;
    public static final Charset GB18030 = Charset.forName("GB18030");

    public static TextEncoding detect(Path file) throws IOException {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(SAMPLE);
        }
        return detect(sample, sample.length < SAMPLE);
    }

    static TextEncoding detect(byte[] b, boolean complete) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new TextEncoding(StandardCharsets.UTF_8, 3);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2);
        }
        TextEncoding utf16 = utf16WithoutBom(b);
        if (utf16 != null) {
            return utf16;
        }
        int length = complete ? b.length : trimIncompleteUtf8Tail(b);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            utf8.decode(ByteBuffer.wrap(b, 0, length));
            return new TextEncoding(StandardCharsets.UTF_8, 0);
        } catch (CharacterCodingException e) {
            // A UTF-8 file with a few pasted GBK bytes stays UTF-8 (their rows or records are rejected as mixed
            // encodings); only when most non-ASCII characters are not UTF-8 is the file GBK.
            return mostlyUtf8(b, length) ? new TextEncoding(StandardCharsets.UTF_8, 0) : new TextEncoding(GB18030, 0);
        }
    }

    /**
     * UTF-16 without a byte-order mark (Excel's "Unicode text" from some tools): nine in ten high bytes are zero (ASCII:
     * delimiters, digits, line breaks) or those of Chinese text (CJK ideographs U+4E00–U+9FFF, punctuation U+30xx,
     * full-width forms U+FFxx), there is at least one zero and the low bytes are almost never zero; 8-bit text (UTF-8,
     * GBK) has no zero bytes and its bytes spread over the whole range. Null when the sample does not look like UTF-16.
     */
    static TextEncoding utf16WithoutBom(byte[] b) {
        int pairs = b.length / 2;
        if (pairs < 16) {
            return null; // a few NULs in a short 8-bit file must not decide
        }
        int[] zeros = new int[2];
        int[] utf16High = new int[2];
        for (int i = 0; i + 1 < b.length; i += 2) {
            for (int side = 0; side < 2; side++) {
                int v = b[i + side] & 0xFF;
                if (v == 0) {
                    zeros[side]++;
                } else if (v == 0x30 || v >= 0x4E && v <= 0x9F || v == 0xFF) {
                    utf16High[side]++; // the high byte of CJK punctuation, a CJK ideograph or a full-width form
                }
            }
        }
        for (int high = 1; high >= 0; high--) { // little-endian: high bytes at odd offsets
            int low = 1 - high;
            if (zeros[high] > 0 && zeros[low] * 20 <= pairs && (zeros[high] + utf16High[high]) * 10 >= pairs * 9) {
                return new TextEncoding(high == 1 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE, 0);
            }
        }
        return null;
    }

    /**
     * Whether the non-ASCII bytes are mostly well-formed UTF-8: sequences, not lines, are counted, so that a one-line
     * file (minified JSON) with a few pasted GBK bytes stays UTF-8 too. GBK text fails as UTF-8 at most of its
     * characters (its lead bytes B0–F7 are UTF-8 continuation bytes or want continuations its trail bytes rarely give).
     */
    static boolean mostlyUtf8(byte[] b, int length) {
        int valid = 0;
        int invalid = 0;
        int i = 0;
        while (i < length) {
            int v = b[i] & 0xFF;
            if (v < 0x80) {
                i++;
                continue;
            }
            int n = v >= 0xC2 && v <= 0xDF ? 2 : v >= 0xE0 && v <= 0xEF ? 3 : v >= 0xF0 && v <= 0xF4 ? 4 : 0;
            boolean ok = n > 0 && i + n <= length;
            for (int k = 1; ok && k < n; k++) {
                ok = (b[i + k] & 0xC0) == 0x80;
            }
            if (ok) {
                valid++;
                i += n;
            } else {
                invalid++;
                i++;
            }
        }
        return valid > invalid * 2;
    }

    /** A sample cut in the middle of a multi-byte UTF-8 sequence must not count against UTF-8. */
    private static int trimIncompleteUtf8Tail(byte[] b) {
        int end = b.length;
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int v = b[end - back] & 0xFF;
            if ((v & 0xC0) != 0x80) {
                return (v & 0x80) != 0 ? end - back : end;
            }
        }
        return end;
    }

    /** "UTF-8", "UTF-8 (BOM)", "GB18030" for summaries. */
    public String describe() {
        return bomBytes > 0 ? charset.name() + " (BOM)" : charset.name();
    }
}
