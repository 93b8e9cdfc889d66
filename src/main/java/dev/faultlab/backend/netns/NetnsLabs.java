package dev.faultlab.backend.netns;

import dev.faultlab.LabException;

import java.nio.file.Path;
import java.util.List;

/**
 * The labs recorded under the state root, for {@code faultlab lab ls/down}: including detached labs, whose owner
 * JVM ({@code lab up}) has long exited, and stale ones whose owner died.
 */
final class NetnsLabs {
    private final Path root;

    public NetnsLabs(Path root) {
        this.root = root;
    }

    /**
     * One recorded lab.
     *
     * @param labId      its id
     * @param summary    datapath and size as given at start
     * @param ownerPid   the JVM that built it
     * @param status     {@code running} (owner alive), {@code detached} (left running by lab up) or {@code stale}
     * @param namespaces how many namespaces it recorded
     * @param stateDir   its state directory
     */
    public record LabSummary(String labId, String summary, long ownerPid, String status, int namespaces,
                             Path stateDir) {
    }

    public List<LabSummary> list() {
        return LabStateDir.all(root).stream().map(lab -> new LabSummary(lab.labId(), lab.summary(),
                lab.owner().map(ProcessIdentity::pid).orElse(-1L),
                lab.detached() ? "detached" : lab.stale() ? "stale" : "running",
                lab.namespaces().size(), lab.dir())).toList();
    }

    /** Removes one lab, whoever owns it; returns its id. */
    public List<String> down(String labId) {
        LabStateDir lab = LabStateDir.find(root, labId).orElseThrow(() -> new LabException("no lab '" + labId
                + "' under " + root + ": 'faultlab lab ls' lists the labs there are"));
        LabTeardown.remove(lab);
        return List.of(labId);
    }

    /** Removes every lab under the state root, detached ones included; returns their ids. */
    public List<String> downAll() {
        List<LabStateDir> labs = LabStateDir.all(root);
        labs.forEach(LabTeardown::remove);
        return labs.stream().map(LabStateDir::labId).toList();
    }
}
