package dev.faultlab.container.bench;

import dev.faultlab.backend.Backend;
import dev.faultlab.backend.Backends;
import dev.faultlab.backend.Cluster;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.ServiceSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cluster bring-up and teardown time of the same spec on the netns, docker and k3s backends, measured in one run
 * (median of N), printed side by side with each backend's ratio to netns. Backends that cannot run here are listed
 * with the reason. Usage: {@code ci/bench/backend-bringup.sh [RUNS] [DATAPATH]}.
 */
public final class BackendBringUpBench {
    private static final List<String> BACKENDS = List.of("netns", "docker", "k3s");

    private BackendBringUpBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Datapath datapath = Datapath.fromId(args.length > 1 ? args[1] : "flannel-vxlan");
        ClusterSpec spec = ClusterSpec.of(3, 2, datapath).withClient("client")
                .withService(ServiceSpec.clusterIp("web", "tcp", 80, 8080, List.of("pod-2-a", "pod-3-a"))
                        .withNodePort(30080, ExternalTrafficPolicy.CLUSTER));
        System.out.printf(Locale.ROOT, "bring-up of 3 nodes x 2 pods + client + NodePort service, %s, median of %d%n",
                datapath, runs);
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (String name : BACKENDS) {
            Backend backend = Backends.named(name);
            String reason = backend.unavailableReason();
            if (reason != null) {
                System.out.printf(Locale.ROOT, "%-8s skipped: %s%n", name, reason);
                continue;
            }
            List<Double> up = new ArrayList<>();
            List<Double> down = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                Cluster lab = backend.start(spec);
                long t1 = System.nanoTime();
                lab.close();
                long t2 = System.nanoTime();
                up.add((t1 - t0) / 1e6);
                down.add((t2 - t1) / 1e6);
            }
            medians.put(name, new double[]{median(up), median(down)});
        }
        double[] base = medians.get("netns");
        System.out.printf(Locale.ROOT, "%-8s %12s %12s %14s%n", "backend", "up ms", "down ms", "up vs netns");
        medians.forEach((name, m) -> System.out.printf(Locale.ROOT, "%-8s %12.0f %12.0f %14s%n", name, m[0], m[1],
                base == null ? "n/a" : String.format(Locale.ROOT, "%.1fx", m[0] / base[0])));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
