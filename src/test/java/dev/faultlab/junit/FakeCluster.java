package dev.faultlab.junit;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.capture.CaptureFileWriter;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.CaptureStats;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cluster that exists only as a layout: every command succeeds with no output, captures write valid empty
 * files, and {@link #close()} is recorded so tests can prove the extension always closes the lab.
 */
final class FakeCluster implements Cluster {
    private final ClusterLayout layout;
    private volatile boolean closed;

    FakeCluster(ClusterSpec spec) {
        List<NodeInfo> nodes = new ArrayList<>();
        List<PodInfo> pods = new ArrayList<>();
        for (int i = 1; i <= spec.nodes(); i++) {
            String node = ClusterSpec.nodeName(i);
            nodes.add(new NodeInfo(node, "192.168.100." + (10 + i), "10.244." + i + ".0/24", null));
            for (int p = 0; p < spec.podsPerNode(); p++) {
                pods.add(new PodInfo(ClusterSpec.podName(i, p), node, "10.244." + i + "." + (2 + p)));
            }
        }
        List<ClientInfo> clients = new ArrayList<>();
        for (int c = 0; c < spec.clients().size(); c++) {
            clients.add(new ClientInfo(spec.clients().get(c), "192.168.100." + (100 + c)));
        }
        this.layout = new ClusterLayout("flfake", "fake", spec.datapath(), nodes, pods, clients, List.of(), Map.of());
    }

    boolean closed() {
        return closed;
    }

    @Override
    public ClusterLayout layout() {
        return layout;
    }

    @Override
    public ExecResult exec(String host, List<String> argv, Duration timeout) {
        return new ExecResult(argv, 0, "", "");
    }

    @Override
    public LabProcess start(String host, List<String> argv) {
        return new LabProcess() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public long pid() {
                return 1;
            }

            @Override
            public boolean isAlive() {
                return false;
            }

            @Override
            public void signal(String signal) {
            }

            @Override
            public String output() {
                return "";
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public NodeAgent agent(String node) {
        throw new UnsupportedOperationException("the fake cluster has no routing agents");
    }

    @Override
    public LiveCapture capture(String host, CaptureRequest request) {
        CaptureFileWriter.pcapng(request.output(), CaptureFileWriter.LINKTYPE_ETHERNET, request.snaplen(),
                request.device()).close();
        return new LiveCapture() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public CaptureRequest request() {
                return request;
            }

            @Override
            public CaptureStats stop() {
                return new CaptureStats(0, 0, 0, 0);
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}
