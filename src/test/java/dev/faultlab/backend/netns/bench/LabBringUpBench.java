package dev.faultlab.backend.netns.bench;

import dev.faultlab.backend.netns.BringUpListener;
import dev.faultlab.backend.netns.HostCommands;
import dev.faultlab.backend.netns.NetnsBackend;
import dev.faultlab.backend.netns.NetnsCluster;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.ServiceSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Bring-up and teardown time of 4-node x 2-pod labs per datapath, against a peer in the same run: the same
 * build with one fork per command (the obvious way) instead of batched. Also BGP convergence: bring-up, route
 * withdrawal after a kill, and re-convergence after a restart. Run with {@code ci/bench/lab-bringup.sh} (root).
 */
public final class LabBringUpBench {
    private LabBringUpBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = Files.createTempDirectory("faultlab-bench");
        System.out.printf("netns lab bring-up, 4 nodes x 2 pods + 1 client + 1 NodePort service, median of %d runs%n",
                runs);
        System.out.printf("%-14s %-22s %10s %10s   %s%n", "datapath", "mode", "up ms", "down ms", "phases (batched)");
        for (Datapath datapath : List.of(Datapath.IPIP, Datapath.FLANNEL_VXLAN)) {
            double batched = measure(root, datapath, HostCommands.BATCHED, "batched", runs);
            double naive = measure(root, datapath, HostCommands.ONE_FORK_PER_COMMAND, "one-fork-per-command", runs);
            System.out.printf("%-14s ratio one-fork-per-command / batched bring-up = %.1fx%n", datapath,
                    naive / batched);
        }
        bgp(root, Math.max(1, runs / 2));
        Files.deleteIfExists(root);
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

    private static void bgp(Path root, int runs) {
        NetnsBackend backend = new NetnsBackend(root, BringUpListener.NONE, HostCommands.BATCHED);
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            try (NetnsCluster lab = backend.start(ClusterSpec.of(4, 2, Datapath.BGP))) {
                long up = System.nanoTime() - t0;
                Supplier<Boolean> routeOnPeer = () -> lab.exec("node-2", "ip", "route", "show", "10.244.1.0/24",
                        "proto", "17").stdout().contains("10.244.1.0/24");
                long k0 = System.nanoTime();
                lab.agent("node-1").kill();
                long withdrawn = waitFor(() -> !routeOnPeer.get()) - k0;
                long r0 = System.nanoTime();
                lab.agent("node-1").start();
                long back = waitFor(routeOnPeer) - r0;
                System.out.printf("bgp 4x2: converged at bring-up %.1f s; kill -9 -> route withdrawn on peer %.0f ms;"
                        + " restart -> route back %.1f s%n", up / 1e9, withdrawn / 1e6, back / 1e9);
            }
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
