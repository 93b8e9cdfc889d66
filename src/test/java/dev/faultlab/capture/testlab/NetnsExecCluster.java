package dev.faultlab.capture.testlab;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.capture.live.NamespaceCapture;
import dev.faultlab.topology.ClusterLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A test-only {@link Cluster} over existing namespaces: exec is {@code ip netns exec}, capture is
 * {@link NamespaceCapture}. Stands in for the netns backend so capture and snapshot code can be tested alone.
 */
public final class NetnsExecCluster implements Cluster {
    private final ClusterLayout layout;
    private final Map<String, String> namespaceOfHost;
    private final String agentStateJson;
    private final List<Process> started = new ArrayList<>();

    public NetnsExecCluster(ClusterLayout layout, Map<String, String> namespaceOfHost, String agentStateJson) {
        this.layout = layout;
        this.namespaceOfHost = Map.copyOf(namespaceOfHost);
        this.agentStateJson = agentStateJson;
    }

    @Override
    public ClusterLayout layout() {
        return layout;
    }

    @Override
    public ExecResult exec(String host, List<String> argv, Duration timeout) {
        return Commands.run(inNamespace(host, argv), timeout);
    }

    @Override
    public LabProcess start(String host, List<String> argv) {
        try {
            Process process = new ProcessBuilder(inNamespace(host, argv)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            synchronized (started) {
                started.add(process);
            }
            return new TestProcess(host, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public NodeAgent agent(String node) {
        return new StubAgent(node, agentStateJson);
    }

    @Override
    public LiveCapture capture(String host, CaptureRequest request) {
        return NamespaceCapture.start(host, Path.of("/run/netns", namespace(host)), request);
    }

    @Override
    public void close() {
        synchronized (started) {
            started.forEach(Process::destroyForcibly);
            started.clear();
        }
    }

    private List<String> inNamespace(String host, List<String> argv) {
        return Stream.concat(Stream.of("ip", "netns", "exec", namespace(host)), argv.stream()).toList();
    }

    private String namespace(String host) {
        String namespace = namespaceOfHost.get(host);
        if (namespace == null) {
            throw new IllegalArgumentException("unknown host " + host);
        }
        return namespace;
    }

    private record TestProcess(String host, Process process) implements LabProcess {
        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void signal(String signal) {
            Commands.run("kill", "-" + signal, Long.toString(process.pid()));
        }

        @Override
        public String output() {
            return "";
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** Reports a fixed state; the lifecycle calls are not needed by capture and snapshot tests. */
    private record StubAgent(String node, String stateJson) implements NodeAgent {
        @Override
        public String kind() {
            return "stub";
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public void start() {
            throw new UnsupportedOperationException("stub agent");
        }

        @Override
        public void stop() {
            throw new UnsupportedOperationException("stub agent");
        }

        @Override
        public void kill() {
            throw new UnsupportedOperationException("stub agent");
        }

        @Override
        public void pause() {
            throw new UnsupportedOperationException("stub agent");
        }

        @Override
        public void resume() {
            throw new UnsupportedOperationException("stub agent");
        }
    }
}
