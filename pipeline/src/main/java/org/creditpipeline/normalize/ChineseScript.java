package org.creditpipeline.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Traditional ↔ simplified Chinese (繁体 ↔ 简体), one code point at a time, from the ICU-derived table
 * {@code t2s.txt} (see its header). Character-level on purpose: keys apply the same function to both sides, and
 * phrase-level converters rewrite words (程式 → 程序). Never overwrite a stored name with the result.
 */
public final class ChineseScript {

    private ChineseScript() {
    }

    /** Loaded on first use; BMP code points in flat arrays (0 = unmapped), the few supplementary ones in maps. */
    private static final class Tables {
        static final char[] T2S = new char[0x10000];
        static final char[] S2T = new char[0x10000];
        static final Map<Integer, Integer> T2S_SUPPLEMENTARY = new HashMap<>();
        static final Map<Integer, Integer> S2T_SUPPLEMENTARY = new HashMap<>();

        static {
            String resource = "t2s.txt";
            try (InputStream in = ChineseScript.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing class-path resource org/creditpipeline/normalize/" + resource);
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isEmpty() || line.charAt(0) == '#') {
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    int t = line.codePointAt(0);
                    int s = line.codePointAt(tab + 1);
                    put(T2S, T2S_SUPPLEMENTARY, t, s, true);
                    // Reverse: the first traditional form listed wins (e.g. 发 → 發, not 髮).
                    put(S2T, S2T_SUPPLEMENTARY, s, t, false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void put(char[] bmp, Map<Integer, Integer> supplementary, int from, int to, boolean overwrite) {
            if (from < 0x10000 && to < 0x10000) {
                if (overwrite || bmp[from] == 0) {
                    bmp[from] = (char) to;
                }
            } else if (overwrite) {
                supplementary.put(from, to);
            } else {
                supplementary.putIfAbsent(from, to);
            }
        }
    }

    /** 廣東省 → 广东省; null stays null; returns the input itself when nothing changes. Idempotent. */
    public static String toSimplified(String s) {
        return convert(s, Tables.T2S, Tables.T2S_SUPPLEMENTARY);
    }

    /** The reverse mapping, for the synthetic data generator (one traditional form per character, not exact). */
    public static String toTraditional(String s) {
        return convert(s, Tables.S2T, Tables.S2T_SUPPLEMENTARY);
    }

    private static String convert(String s, char[] bmp, Map<Integer, Integer> supplementary) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && map(s, i, bmp, supplementary) < 0) {
            i += Character.isHighSurrogate(s.charAt(i)) && i + 1 < n ? Character.charCount(s.codePointAt(i)) : 1;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            int m = map(s, i, bmp, supplementary);
            b.appendCodePoint(m < 0 ? cp : m);
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** The mapping of the code point at i, or −1 when unmapped. */
    private static int map(String s, int i, char[] bmp, Map<Integer, Integer> supplementary) {
        char c = s.charAt(i);
        if (!Character.isSurrogate(c)) {
            char m = bmp[c];
            return m == 0 ? -1 : m;
        }
        if (supplementary.isEmpty()) {
            return -1;
        }
        Integer m = supplementary.get(s.codePointAt(i));
        return m == null ? -1 : m;
    }
}
