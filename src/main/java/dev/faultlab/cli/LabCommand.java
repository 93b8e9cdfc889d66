package dev.faultlab.cli;

import dev.faultlab.LabException;
import dev.faultlab.backend.Backend;
import dev.faultlab.backend.Backends;
import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.LabEntry;
import dev.faultlab.datapath.DatapathDefinition;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.BgpDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code faultlab lab up|ls|down}: labs left running for hands-on exploration, on any backend that can leave one. */
@Command(name = "lab", description = "Starts, lists and removes labs left running (--backend, default netns).",
        subcommands = {LabCommand.Up.class, LabCommand.Ls.class, LabCommand.Down.class})
public final class LabCommand implements Subcommand, Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "up", description = "Builds a lab and leaves it running (remove it with 'faultlab lab down ID').")
    static final class Up implements Callable<Integer> {
        @Mixin
        BackendOption backend;

        @Spec
        CommandSpec spec;

        @Option(names = "--nodes", defaultValue = "2", description = "number of nodes (default ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--pods-per-node", defaultValue = "2", description = "pods per node (default ${DEFAULT-VALUE})")
        int podsPerNode;

        @Option(names = "--datapath", defaultValue = "flannel-vxlan", completionCandidates = DatapathIds.class,
                description = "one of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
        String datapath;

        @Option(names = "--bgp-daemon",
                description = "BGP speaker of the bgp datapath: bird (the default), gobgpd (kube-router's; 5-9 s"
                        + " slower to converge) or embedded (faultlab's own, a thread per node: for 100-node labs)")
        String bgpDaemon;

        @Option(names = "--client", description = "a client host on the underlay (repeatable)")
        List<String> clients = new ArrayList<>();

        @Override
        public Integer call() {
            ClusterSpec cluster = ClusterSpec.of(nodes, podsPerNode,
                    DatapathDefinition.registry().get(datapath).datapath());
            if (bgpDaemon != null) {
                cluster = cluster.withBgp(cluster.bgp().withDaemon(BgpDaemon.fromId(bgpDaemon)));
            }
            for (String client : clients) {
                cluster = cluster.withClient(client);
            }
            Backend chosen = backend.requireAvailable();
            if (!chosen.leavesLabsRunning()) {
                throw new LabException(chosen.cannotLeaveLabsRunning());
            }
            long started = System.nanoTime();
            Cluster lab = chosen.start(cluster);
            try {
                chosen.detach(lab);
            } catch (RuntimeException e) {
                lab.close();
                throw e;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(LabTable.render(lab, host -> chosen.handle(lab, host),
                    (System.nanoTime() - started) / 1_000_000));
            if (!chosen.execHint(lab).isEmpty()) {
                out.println("exec in a host:  " + chosen.execHint(lab));
            }
            String flag = chosen.name().equals(Backends.DEFAULT) ? "" : " --backend " + chosen.name();
            out.println("remove it:       faultlab lab down" + flag + " " + lab.id());
            return 0;
        }
    }

    @Command(name = "ls", description = "Lists the labs on this host (running, detached or stale).")
    static final class Ls implements Callable<Integer> {
        @Mixin
        BackendOption backend;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<LabEntry> labs = backend.chosen().labs();
            PrintWriter out = spec.commandLine().getOut();
            if (labs.isEmpty()) {
                out.println("no labs");
                return 0;
            }
            out.printf("%-10s %-9s %-8s %-5s %s%n", "ID", "STATUS", "OWNER", "HOSTS", "LAB");
            for (LabEntry lab : labs) {
                out.printf("%-10s %-9s %-8d %-5d %s%n", lab.labId(), lab.status(), lab.ownerPid(),
                        lab.hosts(), lab.summary());
            }
            return 0;
        }
    }

    @Command(name = "down", description = "Removes a lab (or all labs with --all): namespaces, links, processes.")
    static final class Down implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "ID", description = "the lab id printed by 'lab up' / 'lab ls'")
        String labId;

        @Option(names = "--all", description = "remove every lab on this host, detached ones included")
        boolean all;

        @Mixin
        BackendOption backend;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (all == (labId != null)) {
                throw new IllegalArgumentException("give either a lab id or --all: 'faultlab lab down fl1a2b3c'");
            }
            Backend labs = backend.chosen();
            List<String> removed = all ? labs.downAll() : labs.down(labId);
            spec.commandLine().getOut().println(removed.isEmpty() ? "no labs" : "removed " + String.join(", ", removed));
            return 0;
        }
    }
}
