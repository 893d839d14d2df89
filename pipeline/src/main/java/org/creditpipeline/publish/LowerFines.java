package org.creditpipeline.publish;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.creditpipeline.YamlErrors;
import org.creditpipeline.model.SubjectKind;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The 较低数额罚款 of 市场监管总局令第45号 art. 13, from {@code job-configs/publication.yaml}: a 市场监督管理 penalty that is
 * only such a fine (with or without a 警告 or 通报批评) stops being published after 3 months instead of 3 years. The
 * order leaves the amount to each province's 市场监督管理局, so the thresholds are configuration: one rule per province
 * and date from which it applies (to decisions of that date or later). A missing file means no province has one: every
 * fine then keeps the full period.
 *
 * @param samrLowerFines the provinces' thresholds
 */
public record LowerFines(List<Rule> samrLowerFines) {

    private static final BigDecimal YUAN_PER_WAN = BigDecimal.valueOf(10_000);

    /**
     * @param province               the province's two-digit GB/T 2260 code ("52" 贵州省)
     * @param name                   the province's name, for people reading the file
     * @param from                   the first decision date the threshold applies to
     * @param naturalPersonBelowYuan a fine below this many 元 (不含本数) of a natural person is 较低数额
     * @param organisationBelowYuan  the same for 法人或者其他组织 (every subject that is not a natural person,
     *                               个体工商户 included)
     * @param source                 the province's notice, for audit
     */
    public record Rule(String province, String name, LocalDate from, BigDecimal naturalPersonBelowYuan,
                       BigDecimal organisationBelowYuan, String source) {
    }

    public static LowerFines none() {
        return new LowerFines(List.of());
    }

    public static LowerFines load(Path file) {
        if (!Files.isRegularFile(file)) {
            return none();
        }
        LowerFines c;
        try {
            c = YAMLMapper.builder().build().readValue(file.toFile(), LowerFines.class);
        } catch (JacksonException e) {
            throw new IllegalStateException(file + ": not a valid publication config: " + YamlErrors.describe(e), e);
        }
        if (c == null || c.samrLowerFines == null) {
            return none();
        }
        for (int i = 0; i < c.samrLowerFines.size(); i++) {
            Rule r = c.samrLowerFines.get(i);
            String where = file + ": samrLowerFines[" + i + "]";
            if (r == null || r.province == null || !r.province.matches("[1-8]\\d")) {
                throw new IllegalStateException(where + ": key 'province' must be a province's two-digit GB/T 2260"
                        + " code such as \"52\", but is " + (r == null ? null : r.province));
            }
            if (r.from == null) {
                throw new IllegalStateException(where + " (" + r.province + "): key 'from' (the first decision date"
                        + " the threshold applies to, e.g. 2024-01-01) is missing");
            }
            if (r.naturalPersonBelowYuan == null || r.naturalPersonBelowYuan.signum() <= 0
                    || r.organisationBelowYuan == null || r.organisationBelowYuan.signum() <= 0) {
                throw new IllegalStateException(where + " (" + r.province + "): keys 'naturalPersonBelowYuan' and"
                        + " 'organisationBelowYuan' must both be amounts in 元 above 0, but are "
                        + r.naturalPersonBelowYuan + " and " + r.organisationBelowYuan);
            }
        }
        return new LowerFines(c.samrLowerFines.stream().sorted(Comparator.comparing(Rule::from)).toList());
    }

    /**
     * Whether a fine of {@code fineWan} 万元 is 较低数额 for this subject under the rule of the record's province in force
     * on the decision date. Anything confiscated (没收违法所得) makes the penalty more than a fine: never lower.
     */
    public boolean isLower(String regionCode, SubjectKind subject, LocalDate decisionDate, BigDecimal fineWan,
                           BigDecimal confiscatedWan) {
        if (regionCode == null || regionCode.length() < 2 || decisionDate == null || fineWan == null
                || fineWan.signum() <= 0 || confiscatedWan != null && confiscatedWan.signum() > 0) {
            return false;
        }
        Rule inForce = null;
        for (Rule r : samrLowerFines) {
            if (regionCode.startsWith(r.province) && !decisionDate.isBefore(r.from)) {
                inForce = r; // sorted by date: the last one that started wins
            }
        }
        if (inForce == null) {
            return false;
        }
        BigDecimal below = subject == SubjectKind.NATURAL_PERSON ? inForce.naturalPersonBelowYuan
                : inForce.organisationBelowYuan;
        return fineWan.multiply(YUAN_PER_WAN).compareTo(below) < 0;
    }
}
