package org.creditpipeline.publish;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.creditpipeline.model.RecordStatus;

/**
 * Which status changes an officer may make (DOMAIN.md §8). A record leaves 正常 for 异议中, 已修复 or 已撤销; an
 * objection ends in 正常 (turned down), 已撤销 (upheld) or 已修复; a repair can be revoked (正常) or the decision withdrawn
 * after it. Refused: an objection to a repaired record (turning it down would publish the repaired record again), any
 * change of a withdrawn record (the decision no longer exists; a new decision comes from the source as a new record)
 * and an expired record made 正常 (its period is over; the nightly pass would expire it again).
 */
public final class StatusTransitions {

    private static final Map<RecordStatus, Set<RecordStatus>> ALLOWED = Map.of(
            RecordStatus.ACTIVE, EnumSet.of(RecordStatus.UNDER_OBJECTION, RecordStatus.REPAIRED, RecordStatus.WITHDRAWN),
            RecordStatus.UNDER_OBJECTION, EnumSet.of(RecordStatus.ACTIVE, RecordStatus.REPAIRED, RecordStatus.WITHDRAWN),
            RecordStatus.REPAIRED, EnumSet.of(RecordStatus.ACTIVE, RecordStatus.WITHDRAWN),
            RecordStatus.WITHDRAWN, EnumSet.noneOf(RecordStatus.class),
            RecordStatus.EXPIRED, EnumSet.of(RecordStatus.UNDER_OBJECTION, RecordStatus.REPAIRED, RecordStatus.WITHDRAWN));

    private StatusTransitions() {
    }

    /** Null when an officer may change a record from {@code from} to {@code to}, else why not (Chinese and English). */
    public static String refusal(RecordStatus from, RecordStatus to) {
        if (ALLOWED.get(from).contains(to)) {
            return null;
        }
        String why = switch (from) {
            case REPAIRED -> "an objection to a repaired record would publish it again when turned down";
            case WITHDRAWN -> "the decision was withdrawn; a new decision comes from the source as a new record";
            case EXPIRED -> "its publication period is over";
            default -> "not a status change an officer makes";
        };
        return "状态 " + from.label() + " 不能改为 " + to.label() + " / a record " + from.name() + " cannot become "
                + to.name() + ": " + why;
    }
}
