package org.creditpipeline.ingest.read.csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Encoding detection: GBK is never read as UTF-8, and UTF-8 with a few foreign bytes is never read as GBK. */
class TextEncodingTest {

    private static final String TEXT = "行政相对人名称,处罚机关\n贵州甲乙建材有限公司,贵阳市南明区市场监督管理局\n";

    @Test
    void byteOrderMarksDecide() {
        assertThat(TextEncoding.detect(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "a"), true))
                .isEqualTo(new TextEncoding(StandardCharsets.UTF_8, 3));
        assertThat(TextEncoding.detect(bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, "a"), true).charset())
                .isEqualTo(StandardCharsets.UTF_16LE);
    }

    @Test
    void gbkTextIsGb18030() {
        assertThat(TextEncoding.detect(TEXT.getBytes(TextEncoding.GB18030), true).charset())
                .isEqualTo(TextEncoding.GB18030);
    }

    @Test
    void theRepositorysGbkSampleIsGb18030() throws Exception {
        byte[] sample = Files.readAllBytes(Path.of("../sample-data/regulator-penalties-v1-gbk.csv"));
        assertThat(TextEncoding.detect(sample, true).charset()).isEqualTo(TextEncoding.GB18030);
    }

    @Test
    void oneLineOfUtf8WithAFewPastedGbkBytesStaysUtf8() {
        // minified JSON: one line, so a line count cannot tell; the characters can
        String json = "[" + "{\"iname\":\"贵州甲乙建材有限公司\",\"courtName\":\"贵阳市南明区人民法院\"},".repeat(20);
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        byte[] pasted = "张三".getBytes(TextEncoding.GB18030);
        byte[] mixed = new byte[utf8.length + pasted.length + 2];
        System.arraycopy(utf8, 0, mixed, 0, utf8.length);
        System.arraycopy(pasted, 0, mixed, utf8.length, pasted.length);
        mixed[mixed.length - 2] = '{';
        mixed[mixed.length - 1] = ']';

        assertThat(TextEncoding.detect(mixed, true).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void gbkWithAFewUtf8LinesIsStillGbk() {
        byte[] gbk = TEXT.repeat(20).getBytes(TextEncoding.GB18030);
        byte[] utf8 = "贵州丙丁商贸有限公司,南明区\n".getBytes(StandardCharsets.UTF_8);
        byte[] mixed = new byte[gbk.length + utf8.length];
        System.arraycopy(gbk, 0, mixed, 0, gbk.length);
        System.arraycopy(utf8, 0, mixed, gbk.length, utf8.length);

        assertThat(TextEncoding.detect(mixed, true).charset()).isEqualTo(TextEncoding.GB18030);
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRecognisedByItsZeroBytes() {
        assertThat(TextEncoding.detect(TEXT.getBytes(StandardCharsets.UTF_16LE), true).charset())
                .isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(TextEncoding.detect(TEXT.getBytes(StandardCharsets.UTF_16BE), true).charset())
                .isEqualTo(StandardCharsets.UTF_16BE);
        byte[] utf8WithNuls = "a\u0000b,c\n1,2\u0000\n贵州,南明\n".repeat(5).getBytes(StandardCharsets.UTF_8);
        assertThat(TextEncoding.detect(utf8WithNuls, true).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(byte[] prefix, String rest) {
        byte[] r = rest.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + r.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(r, 0, out, prefix.length, r.length);
        return out;
    }
}
