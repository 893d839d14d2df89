package org.creditpipeline.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a failpoint is armed; halting itself is what {@code CrashConsistencyFunctionalTests} runs in child processes. */
class FailpointsTest {

    @Test
    void thePropertyOutranksTheEnvironmentAndBlankArmsNothing() {
        assertThat(Failpoints.setting("push.after-build", "receive.after-ack")).isEqualTo("push.after-build");
        assertThat(Failpoints.setting(" ", "receive.after-ack")).isEqualTo("receive.after-ack");
        assertThat(Failpoints.setting(null, "")).isNull();
        assertThat(Failpoints.parse(null)).isNull();
    }

    @Test
    void aCountHaltsAtThatReach() {
        assertThat(Failpoints.parse("ingest.chunk-written:2"))
                .isEqualTo(new Failpoints.Armed("ingest.chunk-written", 2));
        assertThat(Failpoints.parse("receive.after-staging"))
                .isEqualTo(new Failpoints.Armed("receive.after-staging", 1));
    }

    @Test
    void anUnarmedPointDoesNothing() {
        Failpoints.reach("receive.after-staging"); // this JVM names no failpoint: it goes on
        assertThat(Failpoints.HALTED).isEqualTo(137);
    }
}
