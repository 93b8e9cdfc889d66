package dev.faultlab.backend.netns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LabStateDirTest {
    @TempDir
    Path root;

    @Test
    void aLabIsStaleOnlyWhenItsOwnerIsGoneAndItWasNotDetached() {
        ProcessIdentity self = ProcessIdentity.self();
        LabStateDir live = LabStateDir.create(root, "fllive01", self);
        LabStateDir reusedPid = LabStateDir.create(root, "flreuse1", new ProcessIdentity(self.pid(), self.startTicks() + 1));
        LabStateDir detached = LabStateDir.create(root, "fldetac1", new ProcessIdentity(self.pid(), 1));
        detached.markDetached();

        assertThat(live.stale()).isFalse();
        assertThat(reusedPid.stale()).as("same PID, other start time: the owner is gone").isTrue();
        assertThat(detached.stale()).isFalse();
        assertThat(LabStateDir.all(root)).extracting(LabStateDir::labId)
                .containsExactly("fldetac1", "fllive01", "flreuse1");
    }

    @Test
    void aLabWhoseOwnerFileIsUnreadableIsNotReaped() throws Exception {
        LabStateDir removing = LabStateDir.create(root, "flgone01", ProcessIdentity.self());
        Files.writeString(root.resolve("flgone01").resolve("owner"), "");

        assertThat(removing.stale()).as("being created or removed by its owner: not a reaper's to take").isFalse();
        assertThat(NetnsBackend.reapStale(root)).isEmpty();
        assertThat(root.resolve("flgone01")).isDirectory();
    }

    @Test
    void recordsNamespacesAndProcessesForTheReaper() {
        LabStateDir lab = LabStateDir.create(root, "flrec001", ProcessIdentity.self());
        lab.recordNamespace("flrec001-node-1");
        lab.recordNamespace("flrec001-node-1");
        lab.recordProcess(new ProcessIdentity(42, 4242));
        assertThat(lab.namespaces()).containsExactly("flrec001-node-1");
        assertThat(lab.processes()).containsExactly(new ProcessIdentity(42, 4242));
        lab.delete();
        assertThat(LabStateDir.all(root)).isEmpty();
    }

    @Test
    void aFailedBringUpKeepsOnlyTheLogsItsErrorPointsAt() throws Exception {
        LabStateDir lab = LabStateDir.create(root, "flfail01", ProcessIdentity.self());
        lab.recordNamespace("flfail01-node-1");
        Path log = lab.dir().resolve("logs").resolve("node-1-1-gobgpd.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "stuck in OpenSent\n");
        Files.createDirectories(lab.dir().resolve("bgp"));

        lab.deleteKeepingLogs();

        assertThat(log).hasContent("stuck in OpenSent");
        assertThat(lab.dir().resolve("bgp")).doesNotExist();
        assertThat(lab.dir().resolve("namespaces")).doesNotExist();
        assertThat(LabStateDir.all(root)).as("no longer a lab for the reaper").isEmpty();
    }
}
