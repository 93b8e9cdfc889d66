package dev.faultlab.backend.netns.bench;

import dev.faultlab.backend.netns.BringUpListener;
import dev.faultlab.backend.netns.HostCommands;
import dev.faultlab.backend.netns.NetnsBackend;
import dev.faultlab.backend.netns.NetnsCluster;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a large lab's bring-up time goes: one lab of N nodes x P pods, its phases and its teardown (how the costs
 * behind {@code ci/bench/lab-scale.sh} were found). Arguments: nodes, pods per node, datapath id, and for bgp
 * optionally the BGP daemon ({@code bird}, {@code gobgpd}, {@code embedded}); run it on the
 * bench class path ({@code ci/bench/lib.sh}'s {@code bench_classpath}). Prints the CPU time the lab's processes
 * used up to convergence, too.
 */
public final class LabPhasesBench {
    private LabPhasesBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        int pods = Integer.parseInt(args[1]);
        Datapath datapath = Datapath.fromId(args[2]);
        ClusterSpec spec = ClusterSpec.of(nodes, pods, datapath);
        if (args.length > 3) {
            spec = spec.withBgp(spec.bgp().withDaemon(BgpDaemon.fromId(args[3])));
        }
        Path root = Files.createTempDirectory("faultlab-phases");
        BringUpListener listener = (labId, phase, elapsed) ->
                System.out.printf("  %-10s %7d ms%n", phase, elapsed.toMillis());
        System.out.printf("%s %d nodes x %d pods%s%n", datapath.id(), nodes, pods,
                args.length > 3 ? " (" + args[3] + ")" : "");
        long t0 = System.nanoTime();
        NetnsCluster lab = new NetnsBackend(root, listener, HostCommands.BATCHED)
                .start(spec);
        long t1 = System.nanoTime();
        printCpu();
        lab.close();
        long t2 = System.nanoTime();
        System.out.printf("  up %d ms, down %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        Files.deleteIfExists(root);
    }

    /**
     * CPU time used so far by the lab's running processes by program (the agent host is {@code java}, speakers are
     * {@code bird} or {@code gobgpd}) and by this JVM: on a shared machine the wall times above vary with the load,
     * these much less. Also their resident memory now (RSS, shared pages counted in each process).
     */
    private static void printCpu() {
        Map<String, long[]> usage = new TreeMap<>();
        ProcessHandle.current().descendants().forEach(process -> process.info().command().ifPresent(command -> {
            long[] sum = usage.computeIfAbsent(Path.of(command).getFileName().toString(), c -> new long[2]);
            sum[0] += process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
            sum[1] += residentKb(process.pid());
        }));
        usage.forEach((program, sum) -> System.out.printf("  %-10s cpu %6d ms, rss %4d MB%n", program, sum[0],
                sum[1] / 1024));
        System.out.printf("  this JVM   cpu %6d ms%n",
                ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L));
    }

    private static long residentKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).sum();
        } catch (IOException e) {
            return 0; // exited meanwhile
        }
    }
}
