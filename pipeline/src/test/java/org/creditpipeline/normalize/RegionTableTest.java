package org.creditpipeline.normalize;

import org.creditpipeline.support.SharedData;
import static org.creditpipeline.support.TestRegionTables.currentAndAbolished;
import static org.creditpipeline.support.TestRegionTables.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real lists from shared/data/gb2260 (skipped when absent) plus small in-test files for the formats. */
class RegionTableTest {

    private static final Optional<Path> GB2260 = SharedData.find("gb2260");

    private static RegionTable shared(String file) {
        assumeTrue(GB2260.isPresent(), "shared/data/gb2260 not present");
        return RegionTable.load(GB2260.get().resolve(file));
    }

    @ParameterizedTest(name = "MCA 2019: parent of {0} is {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            320804 | 320800
            320800 | 320000
            320000 | null
            500101 | 500000
            110101 | 110000
            419001 | 410000
            429004 | 420000
            469001 | 460000
            659001 | 650000
            441900 | 440000
            442000 | 440000
            """)
    void mcaParents(String code, String parent) {
        RegionTable mca = shared("mca-201904.tsv");
        assertThat(mca.contains(code)).isTrue();
        assertThat(mca.parentOf(code)).isEqualTo(parent);
    }

    @ParameterizedTest(name = "GB/T 2260-2007: parent of {0} is {1} (placeholder skipped)")
    @CsvSource(delimiter = '|', textBlock = """
            110101 | 110000
            110228 | 110000
            429004 | 420000
            659001 | 650000
            320804 | 320800
            """)
    void gb2007ParentsSkipPlaceholders(String code, String parent) {
        RegionTable gb = shared("gb2260-2007.tsv");
        assertThat(gb.parentOf(code)).isEqualTo(parent);
    }

    @Test
    void gb2007PlaceholdersAreRecognised() {
        RegionTable gb = shared("gb2260-2007.tsv");
        assertThat(gb.size()).isEqualTo(3524);
        assertThat(gb.contains("110100")).isTrue();
        assertThat(gb.isPlaceholder("110100")).isTrue();
        assertThat(gb.isPlaceholder("429000")).isTrue();
        assertThat(gb.isPlaceholder("659000")).isTrue();
        assertThat(gb.isPlaceholder("320800")).isFalse();
        assertThat(gb.ancestors("110101")).containsExactly("110000");
    }

    @Test
    void mcaNamesAncestorsAndWithin() {
        RegionTable mca = shared("mca-201904.tsv");
        assertThat(mca.size()).isEqualTo(3219);
        assertThat(mca.name("320804")).contains("淮阴区");
        assertThat(mca.name("441900")).contains("东莞市");
        assertThat(mca.name("999999")).isEmpty();
        assertThat(mca.contains("110100")).isFalse();
        assertThat(mca.ancestors("320804")).containsExactly("320800", "320000");
        assertThat(mca.ancestors("500101")).containsExactly("500000");
        assertThat(mca.ancestors("320000")).isEmpty();
        assertThat(mca.isWithin("320804", "320000")).isTrue();
        assertThat(mca.isWithin("320804", "320800")).isTrue();
        assertThat(mca.isWithin("320804", "320804")).isTrue();
        assertThat(mca.isWithin("419001", "410000")).isTrue();
        assertThat(mca.isWithin("419001", "419000")).isFalse();
        assertThat(mca.isWithin("320804", "330000")).isFalse();
        assertThat(mca.parentOf("abc")).isNull();
    }

    @Test
    void historicalUnionKeepsAllNamesAndReportsTheNewest() {
        RegionTable history = shared("historical-codes.csv");
        assertThat(history.size()).isEqualTo(6693);
        assertThat(history.names("419001")).containsExactlyInAnyOrder("义马市", "济源市");
        assertThat(history.name("419001")).contains("济源市");
        assertThat(history.names("120110")).containsExactly("东郊区", "东丽区");
        assertThat(history.name("120110")).contains("东丽区");
        assertThat(history.parentOf("120110")).isEqualTo("120000");
    }

    @Test
    void plainCodeNameFiles(@TempDir Path dir) throws IOException {
        Path tab = write(dir, "tab.txt", "\uFEFF# operator file\n110000\t北京市\n110101\t东城区\n\n440000\t广东省\n441900\t东莞市\n");
        Path comma = write(dir, "comma.csv", "110000,北京市\n110101,东城区\n");
        Path header = write(dir, "header.csv", "code,name\n110000,北京市\n");
        RegionTable t = RegionTable.load(tab);
        assertThat(t.size()).isEqualTo(4);
        assertThat(t.name("110101")).contains("东城区");
        assertThat(t.parentOf("110101")).isEqualTo("110000");
        assertThat(t.parentOf("441900")).isEqualTo("440000");
        assertThat(RegionTable.load(comma).name("110000")).contains("北京市");
        assertThat(RegionTable.load(header).name("110000")).contains("北京市");
    }

    @Test
    void historicalFormatIsDetectedFromTheYearColumn(@TempDir Path dir) throws IOException {
        Path f = write(dir, "h.csv", "419001,1997,济源市\n419001,1986,义马市\n410000,1980,河南省\n");
        RegionTable t = RegionTable.load(f);
        assertThat(t.name("419001")).contains("济源市");
        assertThat(t.names("419001")).hasSize(2);
        assertThat(t.parentOf("419001")).isEqualTo("410000");
    }

    @Test
    void badLinesNameTheFileLineAndExpectation(@TempDir Path dir) throws IOException {
        Path bad = write(dir, "bad.tsv", "110000\t北京市\n11010\t东城区\n");
        assertThatThrownBy(() -> RegionTable.load(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.tsv:2")
                .hasMessageContaining("6-digit");
        Path noHeader = write(dir, "x.csv", "foo,bar\n");
        assertThatThrownBy(() -> RegionTable.load(noHeader)).hasMessageContaining("x.csv:1");
    }

    // Several tables: the current list first, then historical ones (GB/T 2260 history: codes of counties abolished or
    // renumbered since stay valid on the records decided while they were).

    @Test
    void aCodeOfAnyTableIsKnownAndOnlyTheFirstTablesAreCurrent() {
        RegionTable t = currentAndAbolished();
        assertThat(RegionTable.load(resource("current.tsv")).contains("520114")).isFalse();
        assertThat(t.contains("520114")).isTrue();
        assertThat(t.isCurrent("520114")).isFalse();
        assertThat(t.isCurrent("520111")).isTrue();
        assertThat(t.name("520114")).contains("小河区");
        assertThat(t.size()).isEqualTo(18 + 9);
    }

    @Test
    void aHistoricalCodesParentIsDerivedAsUsual() {
        RegionTable t = currentAndAbolished();
        assertThat(t.parentOf("520114")).isEqualTo("520100");
        assertThat(t.ancestors("371202")).containsExactly("371200", "370000");
        assertThat(t.ancestors("522401")).containsExactly("522400", "520000");
        assertThat(t.isWithin("520114", "520100")).isTrue();
    }

    @Test
    void whatACodeBecameIsFollowedToTheCurrentCodes() {
        RegionTable t = currentAndAbolished();
        assertThat(t.successors("520114")).containsExactly("520111");
        assertThat(t.successors("371202")).containsExactly("370116");
        assertThat(t.successors("520222")).isEmpty(); // 盘县: the table does not say
        assertThat(t.successors("520102")).isEmpty();
        assertThat(t.successors("999999")).isEmpty();
    }

    @Test
    void placeNamesPreferTheCurrentListAndFindAbolishedUnitsByTheirOldName() {
        RegionTable t = currentAndAbolished();
        assertThat(t.codesNamed("毕节市")).containsExactly("520500"); // not the county-level 毕节市 522401 of before 2011
        assertThat(t.codesNamed("小河区")).containsExactly("520114");
        assertThat(t.codesNamed("贵阳市小河区")).containsExactly("520114");
        assertThat(t.codesNamed("贵州省贵阳市小河区")).containsExactly("520114");
        assertThat(t.codesNamed("莱芜市莱城区")).containsExactly("371202");
        assertThat(t.codesNamed("钢城区")).containsExactly("370117");
    }

    @Test
    void aHistoricalUnionWithAColumnOfWhatEachCodeBecame(@TempDir Path dir) throws IOException {
        Path current = write(dir, "current.csv", "520000,贵州省\n520100,贵阳市\n520111,花溪区\n");
        Path history = write(dir, "history.csv", "520114,2000,小河区,520111\n520111,1980,花溪区,\n");
        RegionTable t = RegionTable.load(List.of(current, history));
        assertThat(t.successors("520114")).containsExactly("520111");
        assertThat(t.name("520111")).contains("花溪区");
        Path plain = write(dir, "plain.tsv", "520114\t小河区\t520111\n");
        assertThat(RegionTable.load(List.of(current, plain)).successors("520114")).containsExactly("520111");
    }

    @Test
    void aCodeThatBecameOneNoTableHasFailsTheLoadNamingIt(@TempDir Path dir) throws IOException {
        Path current = write(dir, "current.csv", "520000,贵州省\n520100,贵阳市\n");
        Path history = write(dir, "history.csv", "code,name,became\n520114,小河区,520199\n");
        assertThatThrownBy(() -> RegionTable.load(List.of(current, history)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("history.csv:2")
                .hasMessageContaining("520114")
                .hasMessageContaining("520199");
        Path badCode = write(dir, "bad.csv", "code,name,became\n520114,小河区,52011\n");
        assertThatThrownBy(() -> RegionTable.load(List.of(current, badCode))).hasMessageContaining("bad.csv:2");
    }

    @Test
    void aCycleOfWhatCodesBecameEndsWithoutLooping(@TempDir Path dir) throws IOException {
        Path t = write(dir, "cycle.csv", "code,name,became\n520000,贵州省,\n520114,小河区,520115\n520115,观山湖区,520114\n");
        assertThat(RegionTable.load(t).successors("520114")).containsExactly("520115");
    }

    @Test
    void theMinistrysListWithTheHistoricalUnionKnowsAbolishedCounties() {
        assumeTrue(GB2260.isPresent(), "shared/data/gb2260 not present");
        RegionTable t = RegionTable.load(List.of(GB2260.get().resolve("mca-201904.tsv"),
                GB2260.get().resolve("historical-codes.csv")));
        // 盘县 (520222) became 盘州市 (520281) in 2017; 小河区 (520114) merged into 花溪区 in 2012
        assertThat(shared("mca-201904.tsv").contains("520222")).isFalse();
        assertThat(t.contains("520222")).isTrue();
        assertThat(t.isCurrent("520222")).isFalse();
        assertThat(t.parentOf("520222")).isEqualTo("520200");
        assertThat(t.name("520114")).contains("小河区");
        assertThat(t.successors("520222")).isEmpty(); // the union does not say what a code became
        assertThat(t.codesNamed("毕节市")).containsExactly("520500");
        assertThat(t.codesNamed("盘县")).containsExactly("520222");
        assertThat(t.name("520102")).contains("南明区");
        assertThat(t.isCurrent("520102")).isTrue();
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
