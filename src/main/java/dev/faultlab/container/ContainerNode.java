package dev.faultlab.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;
import dev.faultlab.datapath.NodeShell;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One started container acting as a lab host (a docker node, a client, a k3s server or agent): runs commands in
 * it through the Docker exec API and names its network namespace for live captures. Shared by the docker and k3s
 * backends, so faults, workloads and snapshots see one behaviour whichever container backend built the node.
 */
public final class ContainerNode {
    private final String host;
    private final GenericContainer<?> container;
    private final Set<Path> staged = ConcurrentHashMap.newKeySet();

    public ContainerNode(String host, GenericContainer<?> container) {
        this.host = host;
        this.container = container;
    }

    /** The lab host name, e.g. {@code node-1}. */
    public String host() {
        return host;
    }

    public GenericContainer<?> container() {
        return container;
    }

    /** Runs {@code argv} in the container and waits up to {@code timeout}; exit 124 when it timed out. */
    public ExecResult exec(List<String> argv, Duration timeout) {
        DockerClient client = container.getDockerClient();
        String execId = createExec(client, argv);
        OutputCollector output = new OutputCollector(Integer.MAX_VALUE);
        client.execStartCmd(execId).exec(output);
        try {
            if (!output.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                output.close();
                return new ExecResult(argv, 124, output.stdout(), output.stderr() + "timed out after "
                        + timeout.toMillis() + " ms in " + host);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", argv) + " in " + host, e);
        } catch (IOException e) {
            throw new LabException("exec in " + host + " failed: " + e.getMessage(), e);
        }
        Long exit = client.inspectExecCmd(execId).exec().getExitCodeLong();
        return new ExecResult(argv, exit == null ? -1 : exit.intValue(), output.stdout(), output.stderr());
    }

    /**
     * This container as a node shell that runs a whole plan in one exec ({@link CommandBatch}); needs bash in the
     * image (the docker backend's node image has it; k3s's image does not, so k3s nodes use {@code ::exec}).
     */
    public NodeShell batchingShell() {
        return new NodeShell() {
            @Override
            public ExecResult exec(List<String> argv, Duration timeout) {
                return ContainerNode.this.exec(argv, timeout);
            }

            @Override
            public void runAll(List<List<String>> plan) {
                if (!plan.isEmpty()) {
                    ContainerNode.this.exec(CommandBatch.of(plan), Duration.ofSeconds(60)).orThrow();
                }
            }
        };
    }

    /** Runs and throws a one-line {@link LabException} when the command fails. */
    public ExecResult run(String... argv) {
        return exec(List.of(argv), Duration.ofSeconds(30)).orThrow();
    }

    /**
     * Starts a long-running command; {@code pidFile} (a path in the container) receives its pid, which stays the
     * command's own pid because the starter {@code exec}s it (see {@link ContainerProcess}).
     */
    public ContainerProcess start(String processHost, List<String> argv, String pidFile) {
        DockerClient client = container.getDockerClient();
        String execId = createExec(client, ContainerProcess.starter(pidFile, argv));
        OutputCollector output = new OutputCollector(ContainerProcess.OUTPUT_LIMIT);
        client.execStartCmd(execId).exec(output);
        try {
            // the attach is answered before the exec runs; hasNotEnded copes with the gap that remains
            output.awaitStarted(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while starting " + String.join(" ", argv) + " in " + host, e);
        }
        return new ContainerProcess(processHost, this::exec, () -> hasNotEnded(execId), output::combined, pidFile);
    }

    /**
     * Whether the exec session with this id has not ended. Not "is running": Docker answers the attach (our
     * {@code onStart}) before it marks the exec running, so under load a just-started exec briefly inspects as
     * not running and without an exit code; only an exit code says it has ended.
     */
    private boolean hasNotEnded(String execId) {
        InspectExecResponse response = container.getDockerClient().inspectExecCmd(execId).exec();
        return Boolean.TRUE.equals(response.isRunning()) || response.getExitCodeLong() == null;
    }

    /** Writes {@code content} to {@code path} in the container (a config file, an {@code ip -batch} plan). */
    public void write(String path, String content) {
        container.copyFileToContainer(Transferable.of(content.getBytes(StandardCharsets.UTF_8), 0644), path);
    }

    /** The pid (in the host's pid namespace) of the container's first process. */
    public long pid() {
        Long pid = container.getContainerInfo().getState().getPidLong();
        if (pid == null || pid <= 0) {
            throw new LabException(host + ": container " + container.getContainerName() + " is not running: "
                    + "see 'docker logs " + container.getContainerId() + "'");
        }
        return pid;
    }

    /** The container's network namespace as a file the capture code can join with setns. */
    public Path netnsFile() {
        return Path.of("/proc/" + pid() + "/ns/net");
    }

    /** A path inside the container as seen from this machine, through the container's root. */
    public Path rootPath(String pathInside) {
        return Path.of("/proc/" + pid() + "/root" + pathInside);
    }

    /** The container's address on a network, e.g. its underlay IP. */
    public String ipOn(String networkName) {
        return container.getContainerInfo().getNetworkSettings().getNetworks().get(networkName).getIpAddress();
    }

    /**
     * A command whose program is an absolute path to a file on this machine (the lab's static workload binary)
     * runs in the container from the same path: the file is copied in once. Anything else is left to the image.
     */
    public void stageExecutable(List<String> argv) {
        Path program = Path.of(argv.get(0));
        if (!program.isAbsolute() || !Files.isRegularFile(program) || staged.contains(program)) {
            return;
        }
        try {
            container.copyFileToContainer(Transferable.of(Files.readAllBytes(program), 0755), program.toString());
        } catch (IOException e) {
            throw new LabException("cannot copy " + program + " into " + host + ": " + e.getMessage(), e);
        }
        staged.add(program);
    }

    private String createExec(DockerClient client, List<String> argv) {
        try {
            return client.execCreateCmd(container.getContainerId()).withCmd(argv.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
        } catch (RuntimeException e) {
            throw new LabException("cannot exec in " + host + " (" + e.getMessage() + "): is its container running?",
                    e);
        }
    }

    /** Collects an exec session's stdout and stderr, keeping at most {@code limit} characters of each. */
    static final class OutputCollector extends ResultCallback.Adapter<Frame> {
        private final int limit;
        private final StringBuilder stdout = new StringBuilder();
        private final StringBuilder stderr = new StringBuilder();

        OutputCollector(int limit) {
            this.limit = limit;
        }

        @Override
        public void onNext(Frame frame) {
            StringBuilder target = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
            synchronized (this) {
                target.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                if (target.length() > limit) {
                    target.delete(0, target.length() - limit);
                }
            }
        }

        synchronized String stdout() {
            return stdout.toString();
        }

        synchronized String stderr() {
            return stderr.toString();
        }

        /** Both streams as one text, for reports (order across streams is not kept). */
        synchronized String combined() {
            return stdout + (stderr.isEmpty() ? "" : stderr.toString());
        }
    }
}
