package org.creditpipeline.normalize;

import org.creditpipeline.support.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of shared/data/identifiers/vectors.tsv; skipped when the shared folder is absent. */
class IdentifierVectorsTest {

    private static final Optional<Path> VECTORS = SharedData.find("identifiers/vectors.tsv");

    static Stream<Arguments> vectors() throws IOException {
        if (VECTORS.isEmpty()) {
            return Stream.of(Arguments.of("SKIP", "", "", ""));
        }
        List<Arguments> rows = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(VECTORS.get(), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = line.split("\t", -1);
            rows.add(Arguments.of(f[0], f[1], f[2], f[3]));
        }
        return rows.stream();
    }

    @Test
    void fileHasAllRows() throws IOException {
        assumeTrue(VECTORS.isPresent(), "shared/data/identifiers/vectors.tsv not present");
        assertThat(vectors().count()).isEqualTo(231);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("vectors")
    void vector(String type, String value, String expected, String computedCheckChar) {
        assumeTrue(VECTORS.isPresent(), "shared/data/identifiers/vectors.tsv not present");
        Function<String, IdCheck> checker = switch (type) {
            case "USCC", "USCC_MASKED" -> Uscc::check;
            case "ID_GB11643", "ID_MASKED" -> ResidentId::check;
            case "ORG_CODE_GB11714" -> OrgCode::check;
            case "REGNO_GS15_2006" -> RegistrationNumber::check;
            default -> throw new AssertionError("unknown type " + type);
        };
        IdCheck check = checker.apply(value);

        assertThat(check.validity()).as(check.toString()).isEqualTo(expectedValidity(expected));
        if (expected.startsWith("15-digit legacy -> ")) {
            assertThat(check.value()).isEqualTo(expected.substring("15-digit legacy -> ".length()));
        }
        if (!computedCheckChar.isEmpty()) {
            String v = check.value();
            char computed = switch (type) {
                case "USCC" -> Uscc.checkChar(v);
                case "ID_GB11643" -> ResidentId.checkChar(v);
                case "ORG_CODE_GB11714" -> OrgCode.checkChar(v);
                default -> RegistrationNumber.checkChar(v);
            };
            assertThat(computed).isEqualTo(computedCheckChar.charAt(0));
        }
    }

    private static Validity expectedValidity(String expected) {
        if (expected.startsWith("valid") || expected.startsWith("15-digit legacy")) {
            return Validity.VALID;
        }
        if (expected.startsWith("masked")) {
            return Validity.MASKED;
        }
        return switch (expected) {
            case "invalid-checksum" -> Validity.INVALID_CHECKSUM;
            case "invalid-charset" -> Validity.INVALID_FORMAT;
            default -> throw new AssertionError("unknown expectation " + expected);
        };
    }
}
