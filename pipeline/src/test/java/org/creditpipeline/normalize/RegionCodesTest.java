package org.creditpipeline.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.creditpipeline.normalize.RegionCodes.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionCodesTest {

    @ParameterizedTest(name = "{0}: well formed {1}, level {2}, structural parent {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            110000 | true  | PROVINCE   | null
            320800 | true  | PREFECTURE | 320000
            320804 | true  | COUNTY     | 320800
            500101 | true  | COUNTY     | 500100
            441900 | true  | PREFECTURE | 440000
            710000 | true  | PROVINCE   | null
            820000 | true  | PROVINCE   | null
            160000 | false | null       | null
            830000 | false | null       | null
            990101 | false | null       | null
            32080  | false | null       | null
            32080a | false | null       | null
            null   | false | null       | null
            """)
    void structure(String code, boolean wellFormed, Level level, String parent) {
        assertThat(RegionCodes.isWellFormed(code)).isEqualTo(wellFormed);
        assertThat(RegionCodes.level(code)).isEqualTo(level);
        assertThat(RegionCodes.structuralParent(code)).isEqualTo(parent);
    }

    @ParameterizedTest(name = "{0} within {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            320804 | 320000 | true
            320804 | 320800 | true
            320804 | 320804 | true
            320800 | 320000 | true
            320804 | 330000 | false
            320804 | 320700 | false
            320000 | 320800 | false
            320804 | 99     | false
            """)
    void within(String code, String ancestor, boolean expected) {
        assertThat(RegionCodes.isWithin(code, ancestor)).isEqualTo(expected);
    }
}
