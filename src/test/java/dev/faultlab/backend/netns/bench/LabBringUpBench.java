package dev.faultlab.backend.netns.bench;

import dev.faultlab.backend.netns.BringUpListener;
import dev.faultlab.backend.netns.HostCommands;
import dev.faultlab.backend.netns.NetnsBackend;
import dev.faultlab.backend.netns.NetnsCluster;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.BgpOptions;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.ServiceSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Bring-up and teardown time of 4-node x 2-pod labs per datapath, against a peer in the same run: the same
 * build with one fork per command (the obvious way) instead of batched. Also BGP convergence per daemon (bird
 * against gobgpd): bring-up, route withdrawal after a kill, and re-convergence after a restart. Run with
 * {@code ci/bench/lab-bringup.sh} (root); {@code --bgp-only} skips the bring-up comparison.
 */
public final class LabBringUpBench {
    private LabBringUpBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        int runs = options.stream().filter(a -> !a.startsWith("--")).findFirst().map(Integer::parseInt).orElse(5);
        boolean bgpOnly = options.contains("--bgp-only");
        Path root = Files.createTempDirectory("faultlab-bench");
        if (!bgpOnly) {
            bringUp(root, runs);
        }
        bgp(root, bgpOnly ? runs : Math.max(1, runs / 2));
        Files.deleteIfExists(root);
    }

    private static void bringUp(Path root, int runs) {
        System.out.printf("netns lab bring-up, 4 nodes x 2 pods + 1 client + 1 NodePort service, median of %d runs%n",
                runs);
        System.out.printf("%-14s %-22s %10s %10s   %s%n", "datapath", "mode", "up ms", "down ms", "phases (batched)");
        for (Datapath datapath : List.of(Datapath.IPIP, Datapath.FLANNEL_VXLAN)) {
            double batched = measure(root, datapath, HostCommands.BATCHED, "batched", runs);
            double naive = measure(root, datapath, HostCommands.ONE_FORK_PER_COMMAND, "one-fork-per-command", runs);
            System.out.printf("%-14s ratio one-fork-per-command / batched bring-up = %.1fx%n", datapath,
                    naive / batched);
        }
    }

    private static ClusterSpec spec(Datapath datapath) {
        return ClusterSpec.of(4, 2, datapath).withClient("client")
                .withService(ServiceSpec.clusterIp("web", "tcp", 80, 8080, List.of("pod-1-a", "pod-2-a"))
                        .withNodePort(30080, ExternalTrafficPolicy.CLUSTER));
    }

    private static double measure(Path root, Datapath datapath, HostCommands mode, String label, int runs) {
        List<Double> ups = new ArrayList<>();
        List<Double> downs = new ArrayList<>();
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        BringUpListener listener = (labId, phase, elapsed) ->
                phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(elapsed.toNanos() / 1e6);
        NetnsBackend backend = new NetnsBackend(root, listener, mode);
        backend.start(spec(datapath)).close();
        phases.clear();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            NetnsCluster lab = backend.start(spec(datapath));
            long t1 = System.nanoTime();
            lab.close();
            long t2 = System.nanoTime();
            ups.add((t1 - t0) / 1e6);
            downs.add((t2 - t1) / 1e6);
        }
        StringBuilder phaseText = new StringBuilder();
        phases.forEach((phase, ms) -> phaseText.append(String.format("%s %.0f  ", phase, median(ms))));
        System.out.printf("%-14s %-22s %10.0f %10.0f   %s%n", datapath, label, median(ups), median(downs),
                mode == HostCommands.BATCHED ? phaseText.toString().strip() : "");
        return median(ups);
    }

    /**
     * BGP convergence per daemon, side by side: bring-up until every node has every route, kill -9 of node-1's
     * daemon until its route is withdrawn on node-2, restart until it is back there. Ratio gobgpd / bird.
     */
    private static void bgp(Path root, int runs) {
        NetnsBackend backend = new NetnsBackend(root, BringUpListener.NONE, HostCommands.BATCHED);
        Map<BgpDaemon, BgpConvergence> medians = new EnumMap<>(BgpDaemon.class);
        System.out.printf("%nBGP convergence, 4 nodes x 2 pods, median of %d runs%n", runs);
        System.out.printf("%-22s %12s %22s %20s%n", "daemon", "bring-up s", "kill -> withdrawn ms",
                "restart -> back s");
        for (BgpDaemon daemon : BgpDaemon.values()) {
            List<BgpConvergence> samples = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                samples.add(BgpConvergence.measure(backend,
                        ClusterSpec.of(4, 2, Datapath.BGP).withBgp(BgpOptions.labDefaults().withDaemon(daemon))));
            }
            BgpConvergence median = new BgpConvergence(
                    median(samples.stream().map(BgpConvergence::bringUpSeconds).toList()),
                    median(samples.stream().map(BgpConvergence::withdrawnMillis).toList()),
                    median(samples.stream().map(BgpConvergence::backSeconds).toList()));
            medians.put(daemon, median);
            System.out.printf("%-22s %12.1f %22.0f %20.1f   (runs: %s)%n", daemon, median.bringUpSeconds(),
                    median.withdrawnMillis(), median.backSeconds(), samples.stream().map(BgpConvergence::toString)
                            .collect(Collectors.joining("; ")));
        }
        BgpConvergence gobgp = medians.get(BgpDaemon.GOBGPD);
        BgpConvergence bird = medians.get(BgpDaemon.BIRD);
        System.out.printf("%-22s %11.1fx %21.1fx %19.1fx%n", "ratio gobgpd / bird",
                gobgp.bringUpSeconds() / bird.bringUpSeconds(), gobgp.withdrawnMillis() / bird.withdrawnMillis(),
                gobgp.backSeconds() / bird.backSeconds());
    }

    /** One BGP lab's convergence times. */
    private record BgpConvergence(double bringUpSeconds, double withdrawnMillis, double backSeconds) {
        static BgpConvergence measure(NetnsBackend backend, ClusterSpec spec) {
            long t0 = System.nanoTime();
            try (NetnsCluster lab = backend.start(spec)) {
                long up = System.nanoTime() - t0;
                Supplier<Boolean> routeOnPeer = () -> lab.exec("node-2", "ip", "route", "show", "10.244.1.0/24",
                        "proto", "17").stdout().contains("10.244.1.0/24");
                long k0 = System.nanoTime();
                lab.agent("node-1").kill();
                long withdrawn = waitFor(() -> !routeOnPeer.get()) - k0;
                long r0 = System.nanoTime();
                lab.agent("node-1").start();
                long back = waitFor(routeOnPeer) - r0;
                return new BgpConvergence(up / 1e9, withdrawn / 1e6, back / 1e9);
            }
        }

        @Override
        public String toString() {
            return String.format("%.1f s / %.0f ms / %.1f s", bringUpSeconds, withdrawnMillis, backSeconds);
        }
    }

    private static long waitFor(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not reached within 60 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return System.nanoTime();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
