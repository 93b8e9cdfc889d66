package dev.faultlab.backend.netns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
