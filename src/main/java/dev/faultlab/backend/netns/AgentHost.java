package dev.faultlab.backend.netns;

import dev.faultlab.datapath.JavaMain;
import dev.faultlab.LabException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lab's side of its {@link AgentHostMain}: starts that process on first use (one per lab, whatever the number
 * of nodes) and sends it one request per call, each about one node's agent.
 */
final class AgentHost {
    private static final long READY_MILLIS = 20_000;

    private final String labId;
    private final LabStateDir state;
    private final ProcessTracker processes;
    private TrackedProcess process;
    private boolean ready;
    private SocketChannel channel;
    private BufferedReader replies;

    AgentHost(String labId, LabStateDir state, ProcessTracker processes) {
        this.labId = labId;
        this.state = state;
        this.processes = processes;
    }

    /** Where the agent of {@code node} logs (the lab's error messages point at it). */
    static Path logFile(LabStateDir lab, String node, AgentKind kind) {
        return lab.dir().resolve("logs").resolve(node + "-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + ".log");
    }

    /** Starts the host process now, so its JVM boots while the lab is still being built. */
    void prestart() {
        launch();
    }

    void start(String node, Path netnsFile, AgentKind kind, List<String> args) {
        List<String> request = new ArrayList<>(List.of("start", node, netnsFile.toString(), kind.name()));
        request.addAll(args);
        send(request);
    }

    void kill(String node) {
        send(List.of("kill", node));
    }

    void stop(String node) {
        send(List.of("stop", node));
    }

    void pause(String node) {
        send(List.of("pause", node));
    }

    void resume(String node) {
        send(List.of("resume", node));
    }

    /** False when the agent ended (killed, stopped, failed) or the host itself is gone. */
    boolean running(String node) {
        synchronized (this) {
            if (process == null || !process.isAlive()) {
                return false;
            }
        }
        try {
            return request(List.of("status", node)).equals("running");
        } catch (IOException e) {
            return false;
        }
    }

    /** The host's own output (start-up failures), for error messages. */
    synchronized String output() {
        return process == null ? "" : process.output();
    }

    private void send(List<String> request) {
        ensureStarted();
        String reply;
        try {
            reply = request(request);
        } catch (IOException e) {
            throw new LabException("the agent host of lab " + labId + " did not answer ("
                    + e.getMessage() + "): see " + state.dir().resolve("logs") + "; " + output().strip());
        }
        if (!reply.equals("ok")) {
            throw new LabException("agent host of lab " + labId + ": " + reply.replaceFirst("^error ", ""));
        }
    }

    /** Sends one request on the lab's connection to the host (opened on first use, again after a failure). */
    private synchronized String request(List<String> request) throws IOException {
        if (request.stream().anyMatch(word -> word.contains("\t") || word.contains("\n"))) {
            throw new IllegalArgumentException("agent request words may not contain tabs or newlines: " + request);
        }
        try {
            if (channel == null) {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(socket()));
                replies = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                        StandardCharsets.UTF_8));
            }
            var out = Channels.newOutputStream(channel);
            out.write((String.join("\t", request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = replies.readLine();
            if (reply == null) {
                throw new IOException("connection closed without an answer");
            }
            return reply;
        } catch (IOException e) {
            disconnect();
            throw e;
        }
    }

    private void disconnect() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing a broken connection
        }
        channel = null;
        replies = null;
    }

    private boolean answers() {
        try {
            request(List.of("status", "-"));
            return true;
        } catch (IOException e) {
            return false; // bound but not listening yet
        }
    }

    private Path socket() {
        return state.dir().resolve(AgentHostMain.SOCKET);
    }

    /** Starts the host process unless it runs, and waits until it accepts requests. */
    private synchronized void ensureStarted() {
        if (!ready || !process.isAlive()) {
            launch();
            awaitReady();
            ready = true;
        }
    }

    /** Starts the host process unless it runs (without waiting for it). */
    private synchronized void launch() {
        if (process != null && process.isAlive()) {
            return;
        }
        ready = false;
        disconnect();
        try {
            Files.deleteIfExists(socket());
        } catch (IOException e) {
            throw new LabException("cannot remove the stale agent socket " + socket() + ": " + e.getMessage(), e);
        }
        process = processes.startOnHost("agent-host", JavaMain.command(AgentHostMain.class,
                List.of(labId, state.dir().toString())));
    }

    private void awaitReady() {
        boolean answered = Polling.until(() -> {
            if (!process.isAlive()) {
                throw new LabException("the agent host of lab " + labId + " exited at start: "
                        + process.output().strip());
            }
            return Files.exists(socket()) && answers();
        }, Duration.ofMillis(READY_MILLIS), Duration.ofMillis(5));
        if (!answered) {
            throw new LabException("the agent host of lab " + labId + " did not start within "
                    + READY_MILLIS / 1000 + " s (machine overloaded?): " + process.output().strip());
        }
    }
}
