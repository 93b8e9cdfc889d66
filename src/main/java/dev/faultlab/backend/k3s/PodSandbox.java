package dev.faultlab.backend.k3s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.LabException;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.container.HostTarget;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Finds a pod's network namespace inside a k3s node container: the pod sandbox's pid from {@code crictl inspectp},
 * whose {@code /proc/<pid>/ns/net} the node container can enter (nsenter) and this machine can join for captures
 * (through the container's root).
 */
final class PodSandbox {
    private PodSandbox() {
    }

    /** The commands that find the sandbox: its id by pod name and namespace, then its inspection. */
    static List<String> findCommand(String namespace, String pod) {
        return List.of("crictl", "pods", "--namespace", namespace, "--name", "^" + pod + "$", "--state", "ready",
                "-q");
    }

    static List<String> inspectCommand(String sandboxId) {
        return List.of("crictl", "inspectp", sandboxId);
    }

    /** The sandbox pid in {@code crictl inspectp} output ({@code .info.pid}). */
    static long pid(String inspectJson) {
        try {
            JsonNode pid = new ObjectMapper().readTree(inspectJson).path("info").path("pid");
            if (!pid.canConvertToLong() || pid.asLong() <= 0) {
                throw new LabException("crictl inspectp gave no sandbox pid: is the pod running?");
            }
            return pid.asLong();
        } catch (IOException e) {
            throw new LabException("cannot read crictl inspectp output: " + e.getMessage(), e);
        }
    }

    static HostTarget target(ContainerNode node, String namespace, String pod) {
        String id = node.exec(findCommand(namespace, pod), Duration.ofSeconds(30)).orThrow().stdout().strip();
        if (id.isEmpty() || id.contains("\n")) {
            throw new LabException("pod " + pod + " has no single ready sandbox on " + node.host()
                    + ": check 'kubectl -n " + namespace + " get pod " + pod + "'");
        }
        String inspect = node.exec(inspectCommand(id), Duration.ofSeconds(30)).orThrow().stdout();
        return HostTarget.processNetns(node, pid(inspect));
    }
}
