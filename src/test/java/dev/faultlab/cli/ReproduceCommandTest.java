package dev.faultlab.cli;

import dev.faultlab.detect.IncidentCase;
import dev.faultlab.detect.IncidentCases;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code faultlab reproduce} without a lab ({@code --no-run}): which scenario it regenerates, which values it takes
 * from the customer's files and how it says where each came from; inputs as files, bundle directories and
 * tarballs; one line for unusable input. The lab round trips are in {@code HiddenParameterRoundTripTest}.
 */
class ReproduceCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(List<String> args) {
        return CliRun.of(args);
    }

    private List<String> args(IncidentCase incident, String... extra) {
        List<String> args = new ArrayList<>(List.of("reproduce", "--no-run", "--out", dir.resolve("out").toString()));
        incident.captures().forEach(c -> args.add(c.toString()));
        incident.states().forEach(s -> {
            args.add("--state");
            args.add(s.toString());
        });
        args.addAll(List.of(extra));
        return args;
    }

    private Scenario regenerated(String template) {
        Path file = dir.resolve("out/scenario/" + template + "-reproduced.yaml");
        assertThat(file).exists();
        return ScenarioCatalog.load(file.getParent()).find(file.toString());
    }

    @Test
    void listenOverflowTakesPortAndBacklogFromTheCustomersState() throws IOException {
        IncidentCase incident = new IncidentCases(dir).listenOverflow(true);
        CliRun run = run(args(incident));
        assertThat(run.exit()).as(run.err()).isZero();
        Scenario scenario = regenerated("listen-backlog-overflow");
        String backlog = incident.expectedAttributes().get("backlog");
        assertThat(scenario.fault().params()).containsEntry("backlog", backlog)
                .containsEntry("port", incident.expectedAttributes().get("port"));
        assertThat(scenario.expectation().attributes()).containsEntry("backlog", backlog);
        String yaml = Files.readString(scenario.source());
        assertThat(yaml).containsPattern("backlog: " + backlog + "  # from pod-2-c/ss-ltn.txt: listener Send-Q");
        assertThat(yaml).contains("port: " + incident.expectedAttributes().get("port") + "  # from "
                + incident.captures().get(0).getFileName()).doesNotContain("variants");
        assertThat(run.out()).contains("customer's root cause: listen-overflow")
                .contains("not run (--no-run)");
    }

    @Test
    void tunnelMtuTakesTheDeviceMtuFromTheNodeState() throws IOException {
        IncidentCase incident = new IncidentCases(dir).tunnelMtuBlackhole(true);
        CliRun run = run(args(incident));
        assertThat(run.exit()).as(run.err()).isZero();
        Scenario scenario = regenerated("tunl0-mtu-blackhole");
        assertThat(scenario.fault().params()).containsEntry("mtu", incident.expectedAttributes().get("mtu"));
        assertThat(scenario.cluster().datapath().id()).isEqualTo("ipip");
        assertThat(Files.readString(scenario.source()))
                .contains("mtu: 1440  # from node-1/ip-link.json: tunl0 mtu 1440");
    }

    @Test
    void theVxlanPortOfTheCustomersCaptureIsWrittenWithItsSource() throws IOException {
        IncidentCase incident = new IncidentCases(dir).vxlanStaleNeighbor(true);
        CliRun run = run(args(incident));
        assertThat(run.exit()).as(run.err()).isZero();
        Scenario scenario = regenerated("flannel-mac-change");
        assertThat(Files.readString(scenario.source())).containsPattern("filter: \"udp port 8472\"  # from "
                + incident.captures().get(0).getFileName() + " #\\d+: [0-9.:]+ > [0-9.]+:8472 \\(VXLAN vni 1\\)"
                + " \\(the customer's VXLAN port\\)");
    }

    @Test
    void nothingWrongIsNoRootCauseToReproduce() {
        CliRun run = run(args(new IncidentCases(dir).healthy()));
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("no root cause to reproduce");
        assertThat(dir.resolve("out/scenario")).doesNotExist();
    }

    @Test
    void aBrokenTarballIsOneLine() throws IOException {
        Path bundle = Files.write(dir.resolve("bundle.tar.gz"), new byte[]{1, 2, 3, 4});
        CliRun run = run(List.of("reproduce", "--no-run", "--out", dir.resolve("out").toString(), bundle.toString()));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("not a readable bundle")
                .contains("collect-node-state.sh --bundle");
    }

    @Test
    void aBundleWithoutStateSaysWhatIsMissingAndWhatStillWorks() throws IOException {
        IncidentCase incident = new IncidentCases(dir).listenOverflow(true);
        Path bundle = Files.createDirectories(dir.resolve("bundle/captures"));
        for (Path capture : incident.captures()) {
            Files.copy(capture, bundle.resolve(capture.getFileName()));
        }
        CliRun run = run(List.of("reproduce", "--no-run", "--out", dir.resolve("out").toString(),
                bundle.getParent().toString()));
        assertThat(run.err().strip().lines()).singleElement().asString().contains("the bundle has no state")
                .contains("reproduce works from the captures alone");
        assertThat(run.exit()).isZero();
    }

    @Test
    void aBundleTarballReadsLikeItsDirectory() throws Exception {
        IncidentCase incident = new IncidentCases(dir).listenOverflow(true);
        Path bundle = Files.createDirectories(dir.resolve("pack/bundle"));
        Files.createDirectories(bundle.resolve("captures"));
        for (Path capture : incident.captures()) {
            Files.copy(capture, bundle.resolve("captures").resolve(capture.getFileName()));
        }
        for (Path state : incident.states()) {
            copyTree(state, bundle.resolve("state").resolve(state.getFileName()));
        }
        Process tar = new ProcessBuilder("tar", "-czf", dir.resolve("bundle.tar.gz").toString(), "-C",
                dir.resolve("pack").toString(), "bundle").inheritIO().start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        CliRun run = run(List.of("reproduce", "--no-run", "--out", dir.resolve("out").toString(),
                dir.resolve("bundle.tar.gz").toString()));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(regenerated("listen-backlog-overflow").fault().params())
                .containsEntry("backlog", incident.expectedAttributes().get("backlog"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
