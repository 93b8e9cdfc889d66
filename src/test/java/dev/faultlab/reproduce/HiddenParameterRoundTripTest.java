package dev.faultlab.reproduce;

import dev.faultlab.cli.CliRun;
import dev.faultlab.capture.state.ScriptStateCollector;
import dev.faultlab.capture.state.StateCollector;
import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.scenario.ScenarioSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that hide the answer. A built-in scenario runs in the lab with parameters drawn at random from a realistic
 * range; its captures and the state {@code collect-node-state.sh} wrote inside the lab's namespaces go into a
 * bundle directory, the only thing {@code faultlab reproduce} sees. The regenerated scenario must carry the hidden
 * parameters, and its lab run must name the same root cause with the same attributes (verdict {@code reproduced}).
 * Each test draws from its own seed ({@link ReplayableSeed}): the seed and the way to replay it end every failure's
 * message, and {@code -Dfaultlab.roundtrip.seed=N} (a JUnit configuration parameter) replays it. Every cause is
 * reproduced with {@code --verify-fix}: the lab applies the finding's remedy after the failure and every client must
 * succeed again (row {@code after the fix}). Evidence stays in
 * {@code target/faultlab/HiddenParameterRoundTripTest/}.
 */
@Tag("root")
@ExtendWith(ReplayableSeed.class)
class HiddenParameterRoundTripTest {
    private static final Path OUT = Path.of("target", "faultlab", HiddenParameterRoundTripTest.class.getSimpleName())
            .toAbsolutePath();
    private ReplayableSeed.Seed seed;
    private Random random;

    @BeforeEach
    void draw(ReplayableSeed.Seed seed) {
        this.seed = seed;
        this.random = seed.random();
    }

    /**
     * MTU 1380-1450 on tunl0 (the kernel here lacks ipip; the lab's tunl0 is a VXLAN stand-in over a 1500-byte
     * underlay, so 1450 is its largest MTU); the lost write is a segment that just does not fit into it.
     */
    @Test
    void tunnelMtuBlackhole() {
        int mtu = 1380 + random.nextInt(71);
        // a segment fits when payload + 52 (IPv4 + TCP with timestamps) <= MTU; the pod's MSS caps it at 1448
        int payload = Math.min(1448, mtu - 51 + random.nextInt(30));
        String nodePort = String.valueOf(30000 + random.nextInt(2768));
        Hidden hidden = hide("tunl0-mtu-blackhole", Map.of("fault.params.mtu", String.valueOf(mtu),
                "workload.clients[0].args.writes", "4," + payload + ",1307",
                "cluster.services[0].nodePort", nodePort, "captures[0].filter", "tcp port " + nodePort + " or icmp",
                "expect.attributes.mtu", String.valueOf(mtu), "expect.attributes.payload", String.valueOf(payload)));
        Reproduced reproduced = reproduceFromBundle(hidden, false, "--verify-fix");
        assertThat(reproduced.scenario().cluster().services().get(0).nodePort()).as(reproduced.describe())
                .isEqualTo(Integer.parseInt(nodePort));
        assertThat(reproduced.scenario().fault().params()).as(reproduced.describe())
                .containsEntry("mtu", String.valueOf(mtu));
        assertThat(reproduced.scenario().workload().clients().get(0).args().get("writes")).as(reproduced.describe())
                .contains(String.valueOf(payload));
        assertThat(reproduced.exit()).as(reproduced.describe()).isZero();
        assertThat(reproduced.out()).as(reproduced.describe()).contains("\nreproduced");
        assertThat(reproduced.out()).as(reproduced.describe()).containsPattern("after the fix +- += +every client succeeds");
    }

    /** Backlog 2-64 on another port; the first wave of clients fills that backlog before the burst. */
    @Test
    void listenBacklogOverflow() {
        int backlog = 2 + random.nextInt(63);
        int port = 20000 + random.nextInt(10000);
        Hidden hidden = hide("listen-backlog-overflow", Map.of("fault.params.backlog", String.valueOf(backlog),
                "fault.params.port", String.valueOf(port), "workload.servers[0].args.port", String.valueOf(port),
                "workload.clients[0].to[0]", "pod-2-a:" + port, "workload.clients[1].to[0]", "pod-2-a:" + port,
                "workload.clients[0].args.count", String.valueOf(backlog - 1),
                "workload.clients[0].args.parallel", String.valueOf(backlog - 1),
                "captures[0].filter", "tcp port " + port,
                "expect.attributes.port", String.valueOf(port), "expect.attributes.backlog", String.valueOf(backlog)));
        Reproduced reproduced = reproduceFromBundle(hidden, false, "--verify-fix");
        assertThat(reproduced.scenario().fault().params()).as(reproduced.describe())
                .containsEntry("backlog", String.valueOf(backlog)).containsEntry("port", String.valueOf(port));
        assertThat(reproduced.exit()).as(reproduced.describe()).isZero();
        assertThat(reproduced.out()).as(reproduced.describe()).contains("\nreproduced");
        assertThat(reproduced.out()).as(reproduced.describe()).containsPattern("after the fix +- += +every client succeeds");
    }

    /**
     * A random one or two of the three peers keep node-1's old VTEP MAC; reproduced with {@code --verify-fix}, so
     * the lab also heals the fault (restarts the stale agents) and every replica must answer again.
     */
    @Test
    void flannelMacChangeWithVerifyFix() {
        List<String> peers = new ArrayList<>(List.of("node-2", "node-3", "node-4"));
        java.util.Collections.shuffle(peers, random);
        String stale = String.join(",", peers.subList(0, 1 + random.nextInt(2)).stream().sorted().toList());
        Hidden hidden = hide("flannel-mac-change", Map.of("fault.params.stale", stale,
                "expect.attributes.staleOn", stale));
        Reproduced reproduced = reproduceFromBundle(hidden, false, "--verify-fix");
        assertThat(reproduced.scenario().fault().params()).as(reproduced.describe()).containsEntry("stale", stale);
        assertThat(reproduced.out()).as(reproduced.describe()).containsPattern("after the fix +- += +every client succeeds");
        assertThat(reproduced.exit()).as(reproduced.describe()).isZero();
        assertThat(reproduced.out()).as(reproduced.describe()).contains("\nreproduced");
    }

    /** Node SNAT reuses a tuple the pod holds in TIME_WAIT, on a random target port behind a random NodePort. */
    @Test
    void nodeportSnatTupleReuse() {
        String port = String.valueOf(20000 + random.nextInt(10000));
        String nodePort = String.valueOf(30000 + random.nextInt(2768));
        Hidden hidden = hide("nodeport-snat-tuple-reuse", Map.of("workload.servers[0].args.port", port,
                "cluster.services[0].targetPort", port, "captures[0].filter", "tcp port " + port,
                "cluster.services[0].nodePort", nodePort, "captures[1].filter", "tcp port " + nodePort));
        Reproduced reproduced = reproduceFromBundle(hidden, false, "--verify-fix");
        assertThat(reproduced.scenario().workload().servers().get(0).port()).as(reproduced.describe())
                .isEqualTo(Integer.parseInt(port));
        assertThat(reproduced.scenario().name()).startsWith("nodeport-snat-tuple-reuse");
        assertThat(reproduced.scenario().cluster().services().get(0).nodePort()).as(reproduced.describe())
                .isEqualTo(Integer.parseInt(nodePort));
        assertThat(reproduced.exit()).as(reproduced.describe()).isZero();
        assertThat(reproduced.out()).as(reproduced.describe()).contains("\nreproduced");
        assertThat(reproduced.out()).as(reproduced.describe()).containsPattern("after the fix +- += +every client succeeds");
    }

    /** Pods behind one NAT gateway reach an outside server on a random port: the gateway template, not node SNAT. */
    @Test
    void natTimestampClients() {
        String port = String.valueOf(20000 + random.nextInt(10000));
        Map<String, String> values = new java.util.HashMap<>(Map.of("workload.servers[0].args.port", port,
                "captures[0].filter", "tcp port " + port));
        for (int c = 0; c < 3; c++) {
            values.put("workload.clients[" + c + "].to[0]", "ext:" + port);
        }
        Hidden hidden = hide("nat-timestamp-clients", values);
        Reproduced reproduced = reproduceFromBundle(hidden, false, "--verify-fix");
        assertThat(reproduced.scenario().name()).startsWith("nat-timestamp-clients");
        assertThat(reproduced.scenario().workload().servers().get(0).port()).as(reproduced.describe())
                .isEqualTo(Integer.parseInt(port));
        assertThat(reproduced.scenario().workload().clients()).as(reproduced.describe())
                .allSatisfy(c -> assertThat(c.to()).containsExactly("ext:" + port));
        assertThat(reproduced.exit()).as(reproduced.describe()).isZero();
        assertThat(reproduced.out()).as(reproduced.describe()).contains("\nreproduced");
        assertThat(reproduced.out()).as(reproduced.describe()).containsPattern("after the fix +- += +every client succeeds");
    }

    /** BGP routes to node-3's pods withdrawn when its daemon dies; the servers listen on a random port. */
    @Test
    void kubeRouterKill() {
        String port = String.valueOf(20000 + random.nextInt(10000));
        Hidden hidden = hide("kube-router-kill", Map.of("workload.servers[0].args.port", port,
                "workload.servers[1].args.port", port, "workload.clients[0].to[0]", "pod-3-a:" + port,
                "workload.clients[0].to[1]", "pod-2-a:" + port, "workload.clients[1].to[0]", "pod-3-a:" + port,
                "captures[0].filter", "tcp port " + port, "captures[1].filter", "tcp port " + port));
        Reproduced reproduced = reproduceFromBundle(hidden, false, "--verify-fix");
        assertThat(reproduced.scenario().workload().servers()).as(reproduced.describe())
                .allSatisfy(s -> assertThat(s.port()).isEqualTo(Integer.parseInt(port)));
        assertThat(reproduced.scenario().fault().params()).containsEntry("node", "node-3");
        assertThat(reproduced.exit()).as(reproduced.describe()).isZero();
        assertThat(reproduced.out()).as(reproduced.describe()).contains("\nreproduced");
        assertThat(reproduced.out()).as(reproduced.describe()).containsPattern("after the fix +- += +every client succeeds");
    }

    /** bridge-nf-call-iptables=0 on the node; the endpoint pod listens on a random port. */
    @Test
    void bridgeNfCallIptablesOff() {
        String port = String.valueOf(20000 + random.nextInt(10000));
        Hidden hidden = hide("bridge-nf-call-iptables-off", Map.of("workload.servers[0].args.port", port,
                "cluster.services[0].targetPort", port));
        Reproduced reproduced = reproduceFromBundle(hidden, false, "--verify-fix");
        assertThat(reproduced.scenario().workload().servers().get(0).port()).as(reproduced.describe())
                .isEqualTo(Integer.parseInt(port));
        assertThat(reproduced.exit()).as(reproduced.describe()).isZero();
        assertThat(reproduced.out()).as(reproduced.describe()).contains("\nreproduced");
        assertThat(reproduced.out()).as(reproduced.describe()).containsPattern("after the fix +- += +every client succeeds");
    }

    /** The same lab without its fault: nothing to reproduce, exit 0, no scenario written. */
    @Test
    void aBundleWithNothingWrongHasNoRootCauseToReproduce() {
        int mtu = 1380 + random.nextInt(71);
        Hidden hidden = hide("tunl0-mtu-blackhole", Map.of("fault.params.mtu", String.valueOf(mtu)));
        Reproduced reproduced = reproduceFromBundle(hidden, true);
        assertThat(reproduced.exit()).as(reproduced.describe()).isZero();
        assertThat(reproduced.out()).as(reproduced.describe()).contains("no root cause to reproduce");
    }

    /** A scenario with hidden values, and where its run and the reproduction go. */
    private record Hidden(Scenario scenario, Map<String, String> values, Path dir) {
    }

    private record Reproduced(Hidden hidden, int exit, String out, String err, Scenario scenario,
                              ReplayableSeed.Seed seed) {
        String describe() {
            return seed.replay() + ", hidden " + hidden.values() + ", exit " + exit + "\n" + out + err;
        }
    }

    private Hidden hide(String name, Map<String, String> values) {
        Path dir = OUT.resolve(name + "-" + Long.toHexString(seed.value()) + "-" + Integer.toHexString(values.hashCode()));
        deleteTree(dir);
        ScenarioTemplate template = ScenarioTemplate.of(ScenarioCatalog.loadDefault().find(name));
        List<FilledValue> hidden = new ArrayList<>();
        values.forEach((path, value) -> hidden.add(FilledValue.of(path, value, "hidden by the test (" + seed.replay() + ")")));
        hidden.forEach(v -> template.set(v.path(), v.value()));
        Path file = template.write(dir.resolve("hidden"), name + "-hidden", List.of("hidden parameters"), hidden);
        return new Hidden(ScenarioCatalog.load(file.getParent()).find(file.toString()), values, dir);
    }

    /**
     * Runs the hidden scenario (with its fault unless {@code baseline}), collecting state with the customer's script
     * into {@code bundle/state/before|after} and copying the captures into {@code bundle/captures}; then runs
     * {@code faultlab reproduce bundle} and reads back the scenario it wrote.
     */
    private Reproduced reproduceFromBundle(Hidden hidden, boolean baseline, String... options) {
        Path bundle = hidden.dir().resolve("bundle");
        try (ScenarioSession session = ScenarioSession.open(hidden.scenario(),
                RunOptions.defaults(hidden.dir().resolve("hidden-run")).withNoFault(baseline))) {
            session.startLab();
            StateCollector script = new ScriptStateCollector(session.cluster());
            session.startWorkload();
            session.startCaptures();
            script.snapshotAll(bundle.resolve("state/before"), "before");
            session.injectFault();
            session.driveWorkload();
            script.snapshotAll(bundle.resolve("state/after"), "after");
            Files.createDirectories(bundle.resolve("captures"));
            for (Path capture : session.stopCaptures()) {
                Files.copy(capture, bundle.resolve("captures").resolve(capture.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path out = hidden.dir().resolve("reproduce");
        List<String> args = new ArrayList<>(List.of("reproduce", bundle.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args);
        try {
            Files.writeString(hidden.dir().resolve("reproduce-output.txt"), run.both());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the one scenario reproduce wrote (its template is for reproduce to choose)
        Path dir = out.resolve("scenario");
        Scenario scenario = Files.isDirectory(dir) ? ScenarioCatalog.load(dir).all().stream().findFirst().orElse(null)
                : null;
        return new Reproduced(hidden, run.exit(), run.out(), run.err(), scenario, seed);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
