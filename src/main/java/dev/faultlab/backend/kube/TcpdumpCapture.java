package dev.faultlab.backend.kube;

import dev.faultlab.LabException;
import dev.faultlab.container.ContainerProcess;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.CaptureStats;
import dev.faultlab.capture.LiveCapture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A capture on a real node: {@code tcpdump -w} in the agent pod (in a pod's namespace through nsenter), stopped with
 * SIGINT, the file copied back and rewritten as pcapng. This JVM cannot join a remote node's namespace, so the
 * pcap4j capture of the other backends is not available here.
 */
final class TcpdumpCapture implements LiveCapture {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final CaptureRequest request;
    private final AgentPod agent;
    private final ContainerProcess tcpdump;
    private final String remoteFile;
    private CaptureStats stats;

    private TcpdumpCapture(String host, CaptureRequest request, AgentPod agent, ContainerProcess tcpdump,
                           String remoteFile) {
        this.host = host;
        this.request = request;
        this.agent = agent;
        this.tcpdump = tcpdump;
        this.remoteFile = remoteFile;
    }

    /** The tcpdump command: unbuffered packet writes, no name resolution, the request's filter as its own words. */
    static List<String> command(CaptureRequest request, String remoteFile) {
        List<String> argv = new ArrayList<>(List.of("tcpdump", "-i", request.device(), "-n", "-U", "-s",
                Integer.toString(request.snaplen()), "-w", remoteFile));
        if (!request.filter().isBlank()) {
            argv.add(request.filter());
        }
        return argv;
    }

    static TcpdumpCapture start(String host, List<String> prefix, CaptureRequest request, AgentPod agent,
                                String remoteFile, String pidFile) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(command(request, remoteFile));
        ContainerProcess tcpdump = agent.start(host, argv, pidFile);
        awaitListening(tcpdump, host);
        return new TcpdumpCapture(host, request, agent, tcpdump, remoteFile);
    }

    /** tcpdump says "listening on" once its filter is set: only then is no later packet missed. */
    private static void awaitListening(ContainerProcess tcpdump, String host) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!tcpdump.output().contains("listening on")) {
            if (!tcpdump.isAlive() || System.nanoTime() > deadline) {
                tcpdump.close();
                throw new LabException("tcpdump on " + host + " did not start: " + tcpdump.output().strip());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while starting tcpdump on " + host, e);
            }
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public CaptureRequest request() {
        return request;
    }

    @Override
    public synchronized CaptureStats stop() {
        if (stats != null) {
            return stats;
        }
        tcpdump.signal("INT");
        if (!tcpdump.awaitExit(STOP_TIMEOUT)) {
            tcpdump.signal("KILL");
        }
        try {
            Path pcap = Files.createTempFile("faultlab-capture-", ".pcap");
            try {
                agent.download(remoteFile, pcap);
                long frames = PcapToPcapng.convert(pcap, request.output(), request.device());
                stats = new CaptureStats(frames, frames, 0, 0);
            } finally {
                Files.deleteIfExists(pcap);
                agent.exec(List.of("rm", "-f", remoteFile), Duration.ofSeconds(10));
            }
        } catch (IOException e) {
            throw new LabException("cannot store the capture of " + host + ": " + e.getMessage(), e);
        }
        return stats;
    }
}
