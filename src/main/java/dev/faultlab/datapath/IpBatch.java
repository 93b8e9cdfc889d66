package dev.faultlab.datapath;

import dev.faultlab.LabException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many {@code ip} (or {@code bridge}) commands for one namespace, run by a single {@code ip -n NS -batch -} fork:
 * bring-up cost is dominated by forks, not by the kernel work. The batch stops at the first failing line, which
 * the error names, unless it was made {@linkplain #forcing() forcing}.
 */
public final class IpBatch {
    private final String tool;
    private final boolean force;
    private final List<String> lines = new ArrayList<>();

    private IpBatch(String tool, boolean force) {
        this.tool = tool;
        this.force = force;
    }

    /** A batch of {@code ip} commands. */
    public static IpBatch ip() {
        return new IpBatch("ip", false);
    }

    /** A batch of {@code bridge} commands (FDB entries of VXLAN devices). */
    public static IpBatch bridge() {
        return new IpBatch("bridge", false);
    }

    /** The same tool, but failing lines are skipped instead of ending the batch (for idempotent clean-ups). */
    public IpBatch forcing() {
        IpBatch copy = new IpBatch(tool, true);
        copy.lines.addAll(lines);
        return copy;
    }

    /** Adds one command, e.g. {@code add("link", "set", "eth0", "up")}; arguments never contain spaces. */
    public IpBatch add(String... words) {
        for (String w : words) {
            if (w.isEmpty() || w.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("ip batch argument must be one non-empty word: '" + w + "'");
            }
        }
        lines.add(String.join(" ", words));
        return this;
    }

    /**
     * Adds one command of an {@code OverlayProgram} plan ({@code ["ip", "neigh", ...]}), whose first word must be
     * this batch's tool.
     */
    public IpBatch add(List<String> argv) {
        if (argv.isEmpty() || !argv.get(0).equals(tool)) {
            throw new IllegalArgumentException("not an " + tool + " command: " + argv);
        }
        return add(argv.subList(1, argv.size()).toArray(String[]::new));
    }

    /**
     * Sorts a plan's commands into the {@code ip} and the {@code bridge} batch, keeping each one's order. The caller
     * decides which batch runs first (an overlay's FDB entries go before its neighbor entries).
     */
    public static void split(List<List<String>> plan, IpBatch ip, IpBatch bridge) {
        for (List<String> argv : plan) {
            (argv.get(0).equals(bridge.tool) ? bridge : ip).add(argv);
        }
    }

    public String tool() {
        return tool;
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Runs the batch in {@code namespace} (or the root namespace when null). */
    public void run(String namespace) {
        if (lines.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of(tool));
        if (namespace != null) {
            argv.addAll(List.of("-n", namespace));
        }
        if (force) {
            argv.add("-force");
        }
        argv.addAll(List.of("-batch", "-"));
        var result = Commands.run(argv, String.join("\n", lines) + "\n", Duration.ofSeconds(30));
        if (!result.ok() && !force) {
            String error = result.stderr().strip().replace('\n', ' ');
            throw new LabException(tool + " batch failed in " + (namespace == null ? "the root namespace" : namespace)
                    + ": " + error + (error.contains("Unknown device type")
                    ? " (the kernel lacks a link type the lab uses: run 'faultlab doctor' to see which)" : ""));
        }
    }
}
