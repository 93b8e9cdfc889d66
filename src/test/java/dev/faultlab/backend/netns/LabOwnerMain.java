package dev.faultlab.backend.netns;

import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;

import java.nio.file.Path;
import java.util.List;

/** A JVM that builds a lab, says its id and waits to be SIGKILLed (the reaper test's victim). */
public final class LabOwnerMain {
    private LabOwnerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        NetnsCluster lab = new NetnsBackend(Path.of(args[0]), BringUpListener.NONE).start(ClusterSpec.of(2, 1, Datapath.FLANNEL_VXLAN));
        lab.start("pod-1-a", List.of("sleep", "300"));
        System.out.println("LAB " + lab.id());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
