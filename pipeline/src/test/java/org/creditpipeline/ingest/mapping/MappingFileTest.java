package org.creditpipeline.ingest.mapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mistakes an operator makes writing a mapping of {@code job-configs/mappings/}, each said in their terms with the
 * file and the line, in one line: what is wrong, what is allowed, what was probably meant.
 */
class MappingFileTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            name: judgment
            kind: COURT_JUDGMENT
            fields:
              subjectName:
                headers: [当事人]
                required: true
            """;

    /** The message loading a judgment.yaml of this text fails with, its file named "FILE". */
    private String failure(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("judgment.yaml"), yaml);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> MappingCatalog.load(dir));
        assertThat(thrown).as("loading:\n" + yaml).isInstanceOf(IllegalStateException.class);
        String message = thrown.getMessage();
        assertThat(message).startsWith("mapping " + file + " is not valid: ").doesNotContain("\n")
                .doesNotContain("Cannot deserialize").doesNotContain("org.creditpipeline");
        return message.replace("mapping " + file + " is not valid: ", "");
    }

    @Test
    void aGoodMappingAndEveryMappingOfTheRepositoryLoad() throws Exception {
        Files.writeString(dir.resolve("judgment.yaml"), GOOD);
        assertThat(MappingCatalog.load(dir).get("judgment").fields()).containsOnlyKeys("subjectName");
        assertThat(MappingCatalog.load(Path.of("../job-configs/mappings")).all()).extracting(MappingConfig::name)
                .contains("penalty", "sanction", "accountability", "judgment", "dishonest-debtor");
    }

    @Test
    void anUnknownKeyOfAFieldListsTheKeysAndTheClosest() throws Exception {
        assertThat(failure(GOOD + "    requried: true\n")).isEqualTo("line 7: unknown key 'requried' in field"
                + " 'subjectName'; did you mean 'required'? The keys of a field: headers, hinted, keywords, exclude,"
                + " required, values, choices, separators, requiredUnless, requiredFor.");
        assertThat(failure(GOOD + "    header: [被告]\n")).startsWith("line 7: unknown key 'header' in field"
                + " 'subjectName'; did you mean 'headers'?");
    }

    @Test
    void rowLevelConditionsNameFieldsOfTheMappingAndSubjectKinds() throws Exception {
        String withUnit = GOOD.replace("    required: true\n", "") + "  workUnit:\n    headers: [工作单位]\n";
        Files.writeString(dir.resolve("judgment.yaml"), withUnit + "  idNumber:\n    headers: [身份证号]\n"
                + "    requiredUnless: [workUnit]\n    requiredFor: [CIVIL_SERVANT]\n");
        assertThat(MappingCatalog.load(dir).get("judgment").fields().get("idNumber").requiredUnless())
                .containsExactly("workUnit");

        assertThat(failure(withUnit + "  idNumber:\n    headers: [身份证号]\n    required: true\n"
                + "    requiredUnless: [workUnit]\n")).isEqualTo("line 10: field 'idNumber' has 'required: true' and"
                + " 'requiredUnless'/'requiredFor': use 'required' for a column every row must fill, or the conditions"
                + " alone");
        assertThat(failure(withUnit + "  idNumber:\n    headers: [身份证号]\n    requiredUnless: [position]\n"))
                .isEqualTo("line 10: key 'fields.idNumber.requiredUnless' names 'position', expected another field"
                        + " of this mapping: [subjectName, workUnit, idNumber]");
        assertThat(failure(withUnit + "  idNumber:\n    headers: [身份证号]\n    requiredFor: [CIVIL_SERVENT]\n"))
                .startsWith("line 10: key 'fields.idNumber.requiredFor' is 'CIVIL_SERVENT'; did you mean"
                        + " 'CIVIL_SERVANT'?");
    }

    @Test
    void anUnknownKeyOfTheMappingListsTheKeysAndTheClosest() throws Exception {
        assertThat(failure("kindword: [判决]\n" + GOOD)).isEqualTo("line 1: unknown key 'kindword'; did you mean"
                + " 'kindWords'? The keys of a mapping: name, title, kind, subjectKind, kindWords, fields.");
        assertThat(failure("owner: 法院\n" + GOOD)).startsWith("line 1: unknown key 'owner'. The keys of a mapping:");
    }

    @Test
    void anUnknownFieldListsTheFieldsAndTheClosest() throws Exception {
        String message = failure(GOOD + "  documentNo:\n    headers: [案号]\n");
        assertThat(message).startsWith("line 7: unknown field 'documentNo'; did you mean 'documentNumber'? The fields"
                + " a mapping can fill: age, areaName, ").contains(", subjectName, ").endsWith("(docs/MAPPINGS.md).");
        assertThat(failure(GOOD + "  subjectname:\n    headers: [被告]\n"))
                .startsWith("line 7: unknown field 'subjectname'; did you mean 'subjectName'?");
        assertThat(failure(GOOD + "  defendant:\n    headers: [被告]\n"))
                .startsWith("line 7: unknown field 'defendant'. The fields a mapping can fill: ");
    }

    @Test
    void aKeyAtTheWrongIndentationIsToldWhereItBelongs() throws Exception {
        assertThat(failure("subjectName:\n  headers: [当事人]\n" + GOOD)).isEqualTo("line 1: 'subjectName' is a field, not a key of the"
                + " mapping: indent it under fields:");
        assertThat(failure(GOOD + "    idNumber:\n      headers: [身份证号]\n")).isEqualTo("line 7: 'idNumber' is a"
                + " field, not a key of field 'subjectName': indent it as far as 'subjectName' (under fields:)");
        assertThat(failure(GOOD + "  headers: [被告]\n")).isEqualTo("line 7: 'headers' is a key of a field, not a"
                + " field: indent it under the field it belongs to (e.g. under '  subjectName:')");
    }

    @Test
    void headersWrittenAsTextAreShownAsTheListTheyShouldBe() throws Exception {
        assertThat(failure(GOOD.replace("[当事人]", "当事人"))).isEqualTo("line 5: 'headers' of field 'subjectName' is"
                + " the text '当事人', not a list: write headers: [当事人] (square brackets, also for one)");
        assertThat(failure(GOOD.replace("[当事人]", "当事人, 被告、被执行人"))).isEqualTo("line 5: 'headers' of field"
                + " 'subjectName' is the text '当事人, 被告、被执行人', not a list: write headers: [当事人, 被告, 被执行人]"
                + " (square brackets, also for one)");
        assertThat(failure(GOOD + "    hinted: 对象\n")).startsWith("line 7: 'hinted' of field 'subjectName' is the"
                + " text '对象', not a list: write hinted: [对象]");
        assertThat(failure(GOOD + "kindWords: 判决\n")).startsWith("line 7: 'kindWords' is the text '判决', not a list:"
                + " write kindWords: [判决]");
    }

    @Test
    void keywordsWrittenAsAFlatListAreShownAsWordLists() throws Exception {
        assertThat(failure(GOOD + "    keywords: [姓名, 名称]\n")).isEqualTo("line 7: 'keywords' of field 'subjectName'"
                + " is a list of words, but keywords are a list of word lists: write keywords: [[姓名], [名称]] (each"
                + " inner list holds words that must all appear in one header: [[处罚, 机关]] is one alternative,"
                + " [[姓名], [名称]] two)");
    }

    @Test
    void valuesThatAreNotAMapSayWhatAMapIs() throws Exception {
        assertThat(failure(GOOD + "    values: [警告, 罚款]\n")).isEqualTo("line 7: 'values' of field 'subjectName'"
                + " must be a map from the text in a cell to the code stored, e.g. values: {警告: 警告, 罚款: 罚款}, but"
                + " it is a list: a list says which texts, not what each stands for");
        assertThat(failure(GOOD + "    values: 警告\n")).endsWith("but it is the text '警告'");
        assertThat(failure(GOOD + "    values:\n      - 警告: 警告\n      - 罚款: 罚款\n"))
                .endsWith("but it is a list of one-key maps: drop the dashes ('- ')");
        assertThat(failure(GOOD.replace("subjectName", "subjectCategory") + "    values: {个人: PERSON}\n"))
                .startsWith("line 7: key 'fields.subjectCategory.values.个人' is 'PERSON'; did you mean"
                        + " 'NATURAL_PERSON'? Expected one of GOVERNMENT_BODY (机关), ");
    }

    @Test
    void aFieldOrKeyGivenTwiceNamesBothLines() throws Exception {
        assertThat(failure(GOOD + "  subjectName:\n    headers: [被告]\n")).isEqualTo("line 7: field 'subjectName'"
                + " is defined on lines 4 and 7; YAML would silently keep only the second definition: merge the two"
                + " into one");
        assertThat(failure(GOOD + "    headers: [被告]\n")).isEqualTo("line 7: key 'headers' of field 'subjectName'"
                + " is given on lines 5 and 7; YAML would keep only the second: merge them into one");
        assertThat(failure(GOOD + "kind: ADMINISTRATIVE_PENALTY\n")).isEqualTo("line 7: key 'kind' is given on lines"
                + " 2 and 7; YAML would keep only the second: keep one");
        assertThat(failure(GOOD + "    values: {警告: 警告, 警告: 罚款}\n")).isEqualTo("line 7: the value '警告' is listed"
                + " twice on line 7 in values: of field 'subjectName'; keep one");
    }

    @Test
    void aTabIndentedFileSaysToIndentWithSpaces() throws Exception {
        assertThat(failure(GOOD.replace("  subjectName:", "\tsubjectName:").replace("    headers", "\t\theaders")))
                .isEqualTo("line 4: the line is indented with a tab; YAML indents with spaces only: replace the tabs"
                        + " with spaces (two per level, as in the other mappings)");
        assertThat(failure(GOOD.replace("    headers", "  \theaders"))).startsWith("line 5: the line is indented"
                + " with a tab");
    }

    @Test
    void aMissingKindListsTheKinds() throws Exception {
        assertThat(failure(GOOD.replace("kind: COURT_JUDGMENT\n", ""))).isEqualTo("key 'kind' is missing: it says"
                + " what every row of the file is, one of COURT_JUDGMENT (司法判决), ADMINISTRATIVE_PENALTY (行政处罚),"
                + " DISCIPLINARY_SANCTION (纪律处分), ACCOUNTABILITY (问责处理), DISHONEST_DEBTOR (失信被执行人) (the name"
                + " or its Chinese label), e.g. kind: ADMINISTRATIVE_PENALTY");
    }

    @Test
    void anUnknownKindListsTheKindsAndTheClosest() throws Exception {
        assertThat(failure(GOOD.replace("COURT_JUDGMENT", "JUDGEMENT"))).isEqualTo("line 2: kind 'JUDGEMENT' is not a"
                + " record kind; did you mean 'COURT_JUDGMENT'? The kinds: COURT_JUDGMENT (司法判决),"
                + " ADMINISTRATIVE_PENALTY (行政处罚), DISCIPLINARY_SANCTION (纪律处分), ACCOUNTABILITY (问责处理),"
                + " DISHONEST_DEBTOR (失信被执行人) (the name or its Chinese label)");
        assertThat(failure(GOOD.replace("COURT_JUDGMENT", "判决"))).startsWith("line 2: kind '判决' is not a record"
                + " kind. The kinds: COURT_JUDGMENT (司法判决), ");
        // the Chinese label is a kind too
        Files.writeString(dir.resolve("judgment.yaml"), GOOD.replace("COURT_JUDGMENT", "司法判决"));
        assertThat(MappingCatalog.load(dir).get("judgment").kind()).isEqualTo("司法判决");
    }

    @Test
    void otherShapesAndValuesSayWhatIsExpected() throws Exception {
        assertThat(failure(GOOD.replace("required: true", "required: yes please"))).isEqualTo("line 6: 'required' of"
                + " field 'subjectName' must be true or false, not the text 'yes please'");
        assertThat(failure("name: judgment\nkind: COURT_JUDGMENT\nfields:\n  subjectName: [当事人]\n"))
                .isEqualTo("line 4: field 'subjectName' must be a map of its keys (headers:, keywords:, required: …),"
                        + " but it is a list: write '    headers: [当事人]' on the next line, indented under"
                        + " 'subjectName:'");
        assertThat(failure("name: judgment\nkind: COURT_JUDGMENT\nfields:\n  subjectName:\n")).isEqualTo("line 4:"
                + " field 'subjectName' needs 'headers' or 'keywords' (e.g. '    headers: [姓名]' on the next line)");
        assertThat(failure("name: judgment\nkind: COURT_JUDGMENT\n")).startsWith("key 'fields' is missing or empty");
        assertThat(failure(GOOD.replace("name: judgment", "name: judgement"))).isEqualTo("line 1: key 'name' is"
                + " 'judgement' but must equal the file name 'judgment'");
        assertThat(failure(GOOD + "subjectKind: PERSON\n")).startsWith("line 7: key 'subjectKind' is 'PERSON'; did"
                + " you mean 'NATURAL_PERSON'? Expected one of ");
        assertThat(failure("")).isEqualTo("the file is empty; a mapping needs at least name:, kind: and fields:");
        assertThat(failure("- name: judgment\n")).startsWith("line 1: a mapping is a list of keys (name:, title:,"
                + " kind:, subjectKind:, kindWords:, fields:), one per line, but the file holds a list");
        assertThat(failure("name: judgment\nkind: COURT_JUDGMENT\n  fields: x\n")).isEqualTo("line 3, column 9:"
                + " mapping values are not allowed here (a key indented deeper than the key above it, or a value"
                + " holding ': ' that needs quotes)");
    }

    @Test
    void theClosestNameIsNearOrNone() {
        assertThat(MappingFile.closest("requried", MappingFile.FIELD_KEYS)).isEqualTo("required");
        assertThat(MappingFile.closest("Headers", MappingFile.FIELD_KEYS)).isEqualTo("headers");
        assertThat(MappingFile.closest("penalty", List.of("COURT_JUDGMENT", "ADMINISTRATIVE_PENALTY")))
                .isEqualTo("ADMINISTRATIVE_PENALTY");
        assertThat(MappingFile.closest("owner", MappingFile.KEYS)).isNull();
    }
}
