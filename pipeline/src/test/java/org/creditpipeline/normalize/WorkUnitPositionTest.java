package org.creditpipeline.normalize;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** 工作单位及职务 cells of county 纪律处分 and 问责 lists: the unit, the post, or the whole cell as the unit. */
class WorkUnitPositionTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}'' / ''{2}''")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            南明区财政局局长                  | 南明区财政局                | 局长
            南明区财政局党组书记、局长          | 南明区财政局                | 党组书记、局长
            南明区财政局 副局长                | 南明区财政局                | 副局长
            南明区财政局，四级主任科员          | 南明区财政局                | 四级主任科员
            南明区人民政府办公室副主任          | 南明区人民政府办公室         | 副主任
            南明区花果园街道办事处工作人员       | 南明区花果园街道办事处        | 工作人员
            南明区教师进修学校教师              | 南明区教师进修学校           | 教师
            南明区市场监督管理局（科长）         | 南明区市场监督管理局         | 科长
            原南明区住房和城乡建设局副局长       | 原南明区住房和城乡建设局      | 副局长
            南明区委组织部                     | 南明区委组织部               | -
            中共南明区纪律检查委员会             | 中共南明区纪律检查委员会      | -
            南明区公安分局                     | 南明区公安分局               | -
            科员                              | -                          | 科员
            """)
    void theUnitAndThePostAreToldByTheTitlesAtTheEnd(String cell, String unit, String position) {
        WorkUnitPosition.Parts parts = WorkUnitPosition.split(cell);

        assertThat(parts.unit()).isEqualTo(unit);
        assertThat(parts.position()).isEqualTo(position);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(nullValues = "-", value = {"-", "''", "'  '"})
    void nothingGivesNothing(String cell) {
        assertThat(WorkUnitPosition.split(cell)).isEqualTo(new WorkUnitPosition.Parts(null, null));
    }
}
