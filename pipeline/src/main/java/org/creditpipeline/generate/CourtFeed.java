package org.creditpipeline.generate;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The court feed in the shape of the public 失信被执行人 API response (shared/data/feeds/shixin-2019-baidu.json):
 * {@code {"status":"0",…,"data":[{"result":[records…],"resNum":50,…},…]}}, one {@code data} element per page of
 * {@value #PAGE} records, written with Jackson's streaming generator so memory does not grow with the record count.
 * Records published in 2016 carry the 2016 key set and formats (男/女, 19-character masks, empty parts); the others
 * the 2019 ones (男性/女性, 18-character masks, 暂无).
 */
final class CourtFeed implements Closeable {

    static final String FILE_NAME = "court-feed.json";
    static final int PAGE = 50;

    private static final long CHINA_OFFSET_SECONDS = 8 * 3600;
    private static final JsonFactory FACTORY = new JsonFactory();

    private final OutputStream out;
    private final JsonGenerator json;
    private final long total;
    private long written;

    CourtFeed(Path file, long total) throws IOException {
        this.total = total;
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        json = FACTORY.createGenerator(ObjectWriteContext.empty(), out);
        json.writeStartObject();
        json.writeStringProperty("status", "0");
        json.writeStringProperty("t", "");
        json.writeStringProperty("set_cache_time", "");
        json.writeName("data");
        json.writeStartArray();
    }

    /** Writes one record and returns its 1-based number in the feed (the row number ingest reports). */
    long write(Debtor d) {
        if (written % PAGE == 0) {
            json.writeStartObject();
            json.writeName("result");
            json.writeStartArray();
        }
        record(d);
        written++;
        if (written % PAGE == 0 || written == total) {
            endPage((int) ((written - 1) % PAGE) + 1);
        }
        return written;
    }

    private void endPage(int records) {
        json.writeEndArray();
        json.writeName("otherinfo");
        json.writeStartArray();
        json.writeEndArray();
        json.writeNumberProperty("resNum", records);
        json.writeStringProperty("dispNum", Long.toString(total));
        json.writeNumberProperty("listNum", records);
        json.writeStringProperty("OriginQuery", "失信人");
        json.writeStringProperty("tplt", "trust");
        json.writeStringProperty("resourceid", "6899");
        json.writeEndObject();
    }

    private void record(Debtor d) {
        boolean y2016 = d.era2016;
        long stamp = d.publishDay * 86_400L - CHINA_OFFSET_SECONDS;
        String empty = y2016 ? "" : "暂无";
        json.writeStartObject();
        json.writeNumberProperty("StdStg", 6899);
        json.writeNumberProperty("StdStl", 8);
        json.writeStringProperty("_update_time", Long.toString(stamp + 86_400 * 3 + 3_600));
        if (!y2016) {
            json.writeStringProperty("cambrian_appid", "0");
        }
        json.writeStringProperty("changefreq", "always");
        json.writeStringProperty("age", d.isPerson() ? Integer.toString(publishYear(d) - d.birthYear) : "0");
        json.writeStringProperty("areaName", d.area);
        if (!y2016) {
            json.writeStringProperty("areaNameNew", d.area);
        }
        json.writeStringProperty("businessEntity", d.legalRep);
        json.writeStringProperty("cardNum", d.publishedCardNum());
        json.writeStringProperty("caseCode", d.caseNo);
        json.writeStringProperty("courtName", d.court);
        json.writeStringProperty("disruptTypeName", d.disruptTypes);
        json.writeStringProperty("duty", d.duty);
        json.writeStringProperty("focusNumber", "0");
        json.writeStringProperty("gistId", d.gistId);
        json.writeStringProperty("gistUnit", d.gistUnit);
        json.writeStringProperty("iname", d.name);
        json.writeStringProperty("partyTypeName", d.isPerson() ? "0" : "1");
        json.writeStringProperty("performance", d.performance);
        json.writeStringProperty("performedPart", d.performedPart == null ? empty : d.performedPart);
        json.writeStringProperty("publishDate", chineseDate(d.publishDay));
        json.writeStringProperty("publishDateStamp", Long.toString(stamp));
        json.writeStringProperty("regDate", d.regDateText != null ? d.regDateText : compactDate(d.regDay));
        json.writeStringProperty("sexy", !d.isPerson() ? "" : (d.male ? "男" : "女") + (y2016 ? "" : "性"));
        json.writeStringProperty("sitelink", "http://zxgk.court.gov.cn/");
        json.writeStringProperty("type", "失信被执行人名单");
        json.writeStringProperty("unperformPart", empty);
        json.writeStringProperty("lastmod", LocalDate.ofEpochDay(d.publishDay + 3) + "T03:23:52");
        json.writeStringProperty("loc", "http://shixin.court.gov.cn/detail?id=" + d.siteRecordId);
        json.writeStringProperty("priority", "1.0");
        json.writeNumberProperty("SiteId", 2015330);
        json.writeNumberProperty("_version", y2016 ? 1 : 269);
        json.writeNumberProperty("_select_time", stamp + 86_400 * 3);
        json.writeEndObject();
    }

    private static int publishYear(Debtor d) {
        return LocalDate.ofEpochDay(d.publishDay).getYear();
    }

    private static String compactDate(int epochDay) {
        StringBuilder sb = new StringBuilder(8);
        Text.appendCompactDate(sb, LocalDate.ofEpochDay(epochDay));
        return sb.toString();
    }

    /** 2016年07月05日. */
    private static String chineseDate(int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        StringBuilder sb = new StringBuilder(11).append(d.getYear()).append('年');
        Text.appendPadded(sb, d.getMonthValue(), 2);
        sb.append('月');
        Text.appendPadded(sb, d.getDayOfMonth(), 2);
        return sb.append('日').toString();
    }

    long records() {
        return written;
    }

    @Override
    public void close() throws IOException {
        try {
            if (written % PAGE != 0 && written != total) {
                endPage((int) (written % PAGE)); // stopped early: still a well-formed document
            }
            json.writeEndArray();
            json.writeEndObject();
            json.close();
        } finally {
            out.close();
        }
    }
}
