package dev.faultlab.backend.netns;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessIdentityTest {
    @Test
    void aProcessRunsUntilItExitsAndAReusedPidIsNotIt() throws Exception {
        ProcessIdentity self = ProcessIdentity.self();
        assertThat(self.running()).isTrue();
        assertThat(new ProcessIdentity(self.pid(), self.startTicks() + 1).running()).isFalse();

        Process child = new ProcessBuilder("sleep", "30").start();
        ProcessIdentity sleeper = ProcessIdentity.of(child.pid()).orElseThrow();
        assertThat(sleeper.running()).isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sleeper.running()).isFalse();
    }
}
