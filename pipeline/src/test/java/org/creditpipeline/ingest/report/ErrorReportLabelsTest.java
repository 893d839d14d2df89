package org.creditpipeline.ingest.report;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.ingest.RejectReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The error report's summary names every reject code in Chinese: a new code without a label would show as a code. */
class ErrorReportLabelsTest {

    @Test
    void everyRejectCodeHasAChineseLabel() throws IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (Field f : RejectReason.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                codes.add((String) f.get(null));
            }
        }
        assertThat(codes).contains(RejectReason.EXCEL_ERROR_VALUE, RejectReason.REGISTRATION_NO_INVALID);
        assertThat(ErrorReport.CODE_LABELS).containsKeys(codes.toArray(String[]::new));
    }
}
