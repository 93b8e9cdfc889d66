package dev.faultlab.cli;

import dev.faultlab.backend.Backends;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** lab up / ls / down against a private state root (never the machine's real labs). */
@Tag("root")
class LabCommandTest {
    @TempDir
    Path stateRoot;

    @Test
    void upLeavesADetachedLabThatLsListsAndDownRemoves() throws Exception {
        String up = run("lab", "up", "--state-dir", stateRoot.toString(), "--nodes", "2", "--pods-per-node", "1", "--datapath", "ipip", "--client", "lb");
        Matcher id = Pattern.compile("lab (fl[a-z0-9]{6}) ").matcher(up);
        assertThat(id.find()).as(up).isTrue();
        String labId = id.group(1);
        assertThat(up).contains("pod-2-a", "10.244.2.2", "lb", "192.168.100.100", "tunl0", labId + "-node-1");
        assertThat(Path.of("/run/netns", labId + "-pod-1-a")).exists();

        assertThat(run("lab", "ls", "--state-dir", stateRoot.toString())).contains(labId, "detached", "ipip nodes=2");

        assertThat(run("lab", "ls")).as("a lab in another state directory").doesNotContain(labId);
        assertThat(run("lab", "down", "--all", "--state-dir", stateRoot.toString())).contains("removed " + labId);
        assertThat(Path.of("/run/netns", labId + "-pod-1-a")).doesNotExist();
        assertThat(Files.list(stateRoot)).isEmpty();
    }

    @Test
    void downOfAnUnknownLabIsOneLineAndExitTwo() {
        CliRun down = CliRun.of("lab", "down", "--state-dir", stateRoot.toString(), "flnope00");
        assertThat(down.exit()).isEqualTo(FaultlabCli.EXIT_USAGE);
        assertThat(down.err().strip()).startsWith("faultlab: no lab 'flnope00'").doesNotContain("\n");
    }

    @Test
    void aBackendThatCannotLeaveLabsRunningRefusesLabUpBeforeBuildingAnything() {
        CliRun up = CliRun.of("lab", "up", "--backend", "docker");
        assertThat(up.exit()).isEqualTo(FaultlabCli.EXIT_USAGE);
        String unavailable = Backends.named("docker").unavailableReason();
        assertThat(up.err().strip()).doesNotContain("\n").isEqualTo("faultlab: " + (unavailable != null
                ? unavailable : Backends.named("docker").cannotLeaveLabsRunning()));
        assertThat(run("lab", "ls", "--backend", "netns", "--state-dir", stateRoot.toString())).isNotBlank();
    }

    @Test
    void doctorChecksTheChosenBackend() {
        assertThat(CliRun.of("doctor", "--backend", "netns").out()).contains("tool ip", "kernel vxlan");
        assertThat(CliRun.of("doctor", "--backend", "kubeconfig", "--kubeconfig", "/nonexistent/kubeconfig").out())
                .contains("backend kubeconfig")
                .as("the --kubeconfig flag reaches the backend").contains("/nonexistent/kubeconfig");
    }

    private static String run(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.both()).isZero();
        return run.out();
    }
}
