package org.creditpipeline.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DOMAIN.md §6 vectors (public sources), kept in the repository so the rules are tested without shared/. */
class IdentifierExamplesTest {

    @ParameterizedTest(name = "USCC {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            91350100M000100Y43    | VALID            | 91350100M000100Y43
            911522010783762860    | VALID            | 911522010783762860
            92340604MA2PENA300    | VALID            | 92340604MA2PENA300
            91110000600037341L    | VALID            | 91110000600037341L
            91110000600037341N    | INVALID_CHECKSUM | 91110000600037341N
            9111000060003IOZSV    | INVALID_FORMAT   | 9111000060003IOZSV
            '91 110000 600037341L'| VALID            | 91110000600037341L
            91-110000-600037341l  | VALID            | 91110000600037341L
            ９１１１００００６０００３７３４１Ｌ | VALID | 91110000600037341L
            11230500001755309F    | VALID            | 11230500001755309F
            9114050267****460R    | MASKED           | 9114050267****460R
            00000000000000000X    | INVALID_FORMAT   | 00000000000000000X
            000000000000000000    | INVALID_FORMAT   | 000000000000000000
            01350100M000100Y4C    | INVALID_FORMAT   | 01350100M000100Y4C
            9111000060003734      | INVALID_FORMAT   | 9111000060003734
            91AB0000600037341L    | INVALID_FORMAT   | 91AB0000600037341L
            ''                    | INVALID_FORMAT   | ''
            """)
    void uscc(String raw, Validity expected, String value) {
        IdCheck check = Uscc.check(raw);
        assertThat(check.validity()).isEqualTo(expected);
        assertThat(check.value()).isEqualTo(value);
        assertThat(check.message() == null).isEqualTo(expected == Validity.VALID);
    }

    @Test
    void usccCheckMessageNamesBothCharacters() {
        assertThat(Uscc.check("91110000600037341N").message()).isEqualTo("check character should be 'L' but is 'N'");
    }

    @Test
    void usccSumDivisibleBy31GivesZero() {
        assertThat(Uscc.checkChar("91152201078376286")).isEqualTo('0');
        assertThat(Uscc.checkChar("92340604MA2PENA30")).isEqualTo('0');
    }

    @Test
    void usccHelpers() {
        assertThat(Uscc.embeddedOrgCode("91350100M000100Y43")).isEqualTo("M000100Y4");
        assertThat(OrgCode.check(Uscc.embeddedOrgCode("91350100M000100Y43")).isValid()).isTrue();
        assertThat(Uscc.isPlaceholder("00000000000000000X")).isTrue();
        assertThat(Uscc.isPlaceholder("00000000000000000x ")).isTrue();
        assertThat(Uscc.isPlaceholder("91110000600037341L")).isFalse();
        assertThat(Uscc.category("11230500001755309F")).isEqualTo("11");
        assertThat(Uscc.isGovernment("11230500001755309F")).isTrue();
        assertThat(Uscc.isPublicInstitution("121200004013590816")).isTrue();
        assertThat(Uscc.isGovernment("91110000600037341L")).isFalse();
        assertThat(Uscc.category("9")).isNull();
        assertThatThrownBy(() -> Uscc.checkChar("9111")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usccLetterLeadingCodesAreAccepted() {
        // A1… (军队事业单位), N1… (农村集体经济组织), Y1… (其他): build valid codes from their first 17 characters.
        for (String first17 : new String[] {"A1110000MB0000001", "N2110108MF0000001", "Y1110108MA0000001"}) {
            String code = first17 + Uscc.checkChar(first17);
            assertThat(Uscc.check(code).validity()).as(code).isEqualTo(Validity.VALID);
        }
    }

    @ParameterizedTest(name = "ID {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            11010519491231002X  | VALID            | 11010519491231002X
            44011320141005001x  | VALID            | 44011320141005001X
            110105194912310021  | INVALID_CHECKSUM | 110105194912310021
            110105491231002     | VALID            | 11010519491231002X
            120110198012010073  | VALID            | 120110198012010073
            110111198012010078  | VALID            | 110111198012010078
            3206821960****7255  | MASKED           | 3206821960****7255
            41038119781****3436 | MASKED           | 41038119781****3436
            '110105 19491231 002X' | VALID         | 11010519491231002X
            1101051949123100    | INVALID_FORMAT   | 1101051949123100
            11010519491231002Y  | INVALID_FORMAT   | 11010519491231002Y
            110101××××××××1234  | MASKED           | 110101********1234
            1101011990xxxx123X  | MASKED           | 1101011990****123X
            1101011990XXXX1234  | MASKED           | 1101011990****1234
            11010X199001011234  | INVALID_FORMAT   | 11010X199001011234
            """)
    void residentId(String raw, Validity expected, String value) {
        IdCheck check = ResidentId.check(raw);
        assertThat(check.validity()).isEqualTo(expected);
        assertThat(check.value()).isEqualTo(value);
    }

    @Test
    void residentIdRegionAndDateRules() {
        assertThat(ResidentId.check(withCheck("99010519491231002")).validity()).isEqualTo(Validity.INVALID_REGION);
        assertThat(ResidentId.check(withCheck("16010519491231002")).validity()).isEqualTo(Validity.INVALID_REGION);
        assertThat(ResidentId.check(withCheck("83010519491231002")).validity()).isEqualTo(Validity.VALID);
        assertThat(ResidentId.check(withCheck("81000019491231002")).validity()).isEqualTo(Validity.VALID);
        assertThat(ResidentId.check(withCheck("11010519490230002")).validity()).isEqualTo(Validity.INVALID_DATE);
        assertThat(ResidentId.check(withCheck("11010519491301002")).validity()).isEqualTo(Validity.INVALID_DATE);
        assertThat(ResidentId.check(withCheck("11010520000229002")).validity()).isEqualTo(Validity.VALID);
        assertThat(ResidentId.check(withCheck("11010519000229002")).validity()).isEqualTo(Validity.INVALID_DATE);
        IdCheck future = ResidentId.check(withCheck("11010520990101002"));
        assertThat(future.validity()).isEqualTo(Validity.INVALID_DATE);
        assertThat(future.message()).contains("future");
        // 15-digit legacy number with an impossible date
        assertThat(ResidentId.check("110105490230002").validity()).isEqualTo(Validity.INVALID_DATE);
    }

    @Test
    void residentIdBirthDateAndSex() {
        assertThat(ResidentId.birthDate("11010519491231002X")).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(ResidentId.isMale("11010519491231002X")).isFalse();
        assertThat(ResidentId.isMale("110105195001010039")).isTrue();
        assertThat(ResidentId.checkChar("11010519491231002")).isEqualTo('X');
    }

    private static String withCheck(String first17) {
        return first17 + ResidentId.checkChar(first17);
    }

    @ParameterizedTest(name = "org code {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            D2143569-X | VALID            | D2143569X
            D2143569x  | VALID            | D2143569X
            70534825-0 | VALID            | 705348250
            MA1FL0LY9  | VALID            | MA1FL0LY9
            MA1FL0LYA  | INVALID_CHECKSUM | MA1FL0LYA
            19528617-5 | VALID            | 195286175
            1952861    | INVALID_FORMAT   | 1952861
            1952861#-5 | INVALID_FORMAT   | 1952861#5
            195286**-5 | MASKED           | 195286**5
            00000000-0 | INVALID_FORMAT   | 000000000
            """)
    void orgCode(String raw, Validity expected, String value) {
        IdCheck check = OrgCode.check(raw);
        assertThat(check.validity()).isEqualTo(expected);
        assertThat(check.value()).isEqualTo(value);
    }

    @Test
    void orgCodeCheckCharEdgeCases() {
        assertThat(OrgCode.checkChar("D2143569")).isEqualTo('X'); // 11 − S mod 11 = 10
        assertThat(OrgCode.checkChar("70534825")).isEqualTo('0'); // 11 − S mod 11 = 11
    }

    @ParameterizedTest(name = "注册号 {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            310230001716146    | VALID
            310230001716154    | VALID
            110108000000016    | VALID
            310230001716155    | INVALID_CHECKSUM
            31023000171614     | INVALID_FORMAT
            31023000171614A    | INVALID_FORMAT
            91110000600037341L | INVALID_FORMAT
            """)
    void registrationNumber(String raw, Validity expected) {
        assertThat(RegistrationNumber.check(raw).validity()).isEqualTo(expected);
    }

    @Test
    void nullInputIsInvalidFormatNotAnException() {
        assertThat(Uscc.check(null).validity()).isEqualTo(Validity.INVALID_FORMAT);
        assertThat(ResidentId.check(null).validity()).isEqualTo(Validity.INVALID_FORMAT);
        assertThat(OrgCode.check(null).validity()).isEqualTo(Validity.INVALID_FORMAT);
        assertThat(RegistrationNumber.check(null).validity()).isEqualTo(Validity.INVALID_FORMAT);
    }

    @Test
    void usability() {
        assertThat(new IdCheck("x", Validity.MASKED, "m").isUsable()).isTrue();
        assertThat(new IdCheck("x", Validity.MASKED, "m").isValid()).isFalse();
        assertThat(new IdCheck("x", Validity.INVALID_CHECKSUM, "m").isUsable()).isFalse();
    }
}
