package dev.faultlab.container;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pieces of the container plumbing that need no Docker. */
class ContainerSupportTest {
    @Test
    void asksTheDaemonForTheLowerOfItsApiAndTestcontainersOwn() {
        assertThat(DockerEnvironment.lowerVersion("1.41", DockerEnvironment.TESTCONTAINERS_API)).isEqualTo("1.41");
        assertThat(DockerEnvironment.lowerVersion("1.47", "1.44")).isEqualTo("1.44");
        assertThat(DockerEnvironment.lowerVersion("1.9", "1.44")).isEqualTo("1.9");
    }

    @Test
    void onlyLabsWhoseOwnerProcessIsGoneAreStale() {
        LabLabels mine = LabLabels.ownedByThisProcess("flabcdef");
        assertThat(StaleLabReaper.isStale(mine.forHost("node-1"))).isFalse();
        assertThat(StaleLabReaper.isStale(new LabLabels("fl000000", Long.MAX_VALUE).forHost("node-1"))).isTrue();
        assertThat(StaleLabReaper.isStale(Map.of())).isFalse();
        assertThat(StaleLabReaper.isStale(null)).isFalse();
    }

    @Test
    void podHostsAreEnteredThroughTheirNamespace() {
        assertThat(HostTarget.ipNetns(null, "pod-1-a").command(java.util.List.of("ss", "-tan")))
                .containsExactly("ip", "netns", "exec", "pod-1-a", "ss", "-tan");
        assertThat(HostTarget.processNetns(null, 42).command(java.util.List.of("ip", "a")))
                .containsExactly("nsenter", "--net=/proc/42/ns/net", "ip", "a");
    }
}
