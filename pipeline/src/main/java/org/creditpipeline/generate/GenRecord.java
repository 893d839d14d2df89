package org.creditpipeline.generate;

import org.creditpipeline.model.RecordKind;

/** One generated record before rendering: field values (canonical forms, ISO dates) plus facts variants need. */
final class GenRecord {

    enum Subject { ENTERPRISE, SOLE_TRADER, INSTITUTION, BODY, PERSON, CIVIL_SERVANT }

    final RecordKind kind;
    final String[] f = new String[Field.COUNT];
    Subject subject;
    int region;
    /** City name part the subject name starts with (淮安), or null. */
    String namePrefix;
    String trueId;

    GenRecord(RecordKind kind) {
        this.kind = kind;
    }

    String get(Field field) {
        String v = f[field.ordinal()];
        return v == null ? "" : v;
    }

    void set(Field field, String value) {
        f[field.ordinal()] = value;
    }

    GenRecord copy() {
        GenRecord c = new GenRecord(kind);
        System.arraycopy(f, 0, c.f, 0, f.length);
        c.subject = subject;
        c.region = region;
        c.namePrefix = namePrefix;
        c.trueId = trueId;
        return c;
    }

    boolean isOrganisation() {
        return subject != Subject.PERSON && subject != Subject.CIVIL_SERVANT;
    }

    String[] render(OutputFile file) {
        String[] cells = new String[file.fields.length];
        for (int i = 0; i < cells.length; i++) {
            Field field = file.fields[i];
            String v = get(field);
            cells[i] = field == Field.SUBJECT_KIND ? file.subjectKindLabel(v) : v;
        }
        return cells;
    }
}
