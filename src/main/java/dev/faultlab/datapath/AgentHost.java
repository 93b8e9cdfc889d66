package dev.faultlab.datapath;

import dev.faultlab.LabException;
import dev.faultlab.backend.LabProcess;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The lab's side of its {@link AgentHostServer}: starts that process on first use (one per lab, whatever the number
 * of nodes) and sends it one request per call, each about one node's agent. The backend says how to start the
 * process (the netns lab tracks it in its state directory, the docker lab starts it beside its containers).
 */
public final class AgentHost {
    private static final long READY_MILLIS = 20_000;

    private final String labId;
    private final Path stateDir;
    private final Supplier<LabProcess> launcher;
    private LabProcess process;
    private boolean ready;
    private SocketChannel channel;
    private BufferedReader replies;

    /**
     * @param stateDir where the host's socket and the agents' logs live
     * @param launcher starts the host process (an {@link AgentHostServer} serving {@code stateDir})
     */
    public AgentHost(String labId, Path stateDir, Supplier<LabProcess> launcher) {
        this.labId = labId;
        this.stateDir = stateDir;
        this.launcher = launcher;
    }

    /** Where the agent of {@code node} logs (the lab's error messages point at it). */
    public static Path logFile(Path stateDir, String node, String kind) {
        return stateDir.resolve("logs").resolve(node + "-" + kind.toLowerCase(Locale.ROOT).replace('_', '-')
                + ".log");
    }

    /** Starts the host process now, so its JVM boots while the lab is still being built. */
    public void prestart() {
        launch();
    }

    /** One node's agent thread to start: the node, its namespace, the agent and the agent's arguments. */
    public record Start(String node, Path netnsFile, String kind, List<String> args) {
        List<String> request() {
            List<String> request = new ArrayList<>(List.of("start", node, netnsFile.toString(), kind));
            request.addAll(args);
            return request;
        }
    }

    public void start(String node, Path netnsFile, String kind, List<String> args) {
        startAll(List.of(new Start(node, netnsFile, kind, args)));
    }

    /**
     * Starts many nodes' agents in one round trip: at bring-up the host is busy (and the CPU shared with the
     * speakers just started), and a request per node, each waiting for the host to be scheduled, took ~50 ms each,
     * 6 s of a 100-node BGP lab's bring-up.
     */
    public void startAll(List<Start> starts) {
        send(starts.stream().map(Start::request).toList());
    }

    public void kill(String node) {
        send(List.of("kill", node));
    }

    public void stop(String node) {
        send(List.of("stop", node));
    }

    public void pause(String node) {
        send(List.of("pause", node));
    }

    public void resume(String node) {
        send(List.of("resume", node));
    }

    /**
     * Which of these nodes' agents run (not killed, stopped or failed, and the host itself alive), asked in one
     * round trip: a bring-up's liveness check asks about all of them.
     */
    public Set<String> running(List<String> nodes) {
        synchronized (this) {
            if (process == null || !process.isAlive()) {
                return Set.of();
            }
        }
        try {
            List<String> replies = requestAll(nodes.stream().map(n -> List.of("status", n)).toList());
            Set<String> running = new HashSet<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (replies.get(i).equals("running")) {
                    running.add(nodes.get(i));
                }
            }
            return running;
        } catch (IOException e) {
            return Set.of();
        }
    }

    /**
     * What the node's agent reports about itself ({@link HostedAgent#describe()}); empty when it does not run or the
     * host does not answer.
     */
    public String describe(String node) {
        synchronized (this) {
            if (process == null || !process.isAlive()) {
                return "";
            }
        }
        try {
            return request(List.of("describe", node));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Ends the host process and with it every node's agent (the netns lab's teardown kills it with its other tracked
     * processes instead; the docker lab closes it).
     */
    public synchronized void close() {
        disconnect();
        if (process != null) {
            process.close();
        }
    }

    /** The host's own output (start-up failures), for error messages. */
    public synchronized String output() {
        return process == null ? "" : process.output();
    }

    private void send(List<String> request) {
        send(List.of(request));
    }

    /** Sends the requests in one round trip; fails naming the first one the host refused. */
    private void send(Collection<List<String>> requests) {
        ensureStarted();
        List<String> replies;
        try {
            replies = requestAll(List.copyOf(requests));
        } catch (IOException e) {
            throw new LabException("the agent host of lab " + labId + " did not answer ("
                    + e.getMessage() + "): see " + stateDir.resolve("logs") + "; " + output().strip());
        }
        replies.stream().filter(reply -> !reply.equals("ok")).findFirst().ifPresent(reply -> {
            throw new LabException("agent host of lab " + labId + ": " + reply.replaceFirst("^error ", ""));
        });
    }

    private String request(List<String> request) throws IOException {
        return requestAll(List.of(request)).get(0);
    }

    /**
     * Sends requests on the lab's connection to the host (opened on first use, again after a failure) in one
     * write, then reads their replies, one line each in request order: the host answers a connection's lines in
     * turn, and its replies are a few bytes, so they never fill the socket while the requests are written.
     */
    private synchronized List<String> requestAll(List<List<String>> requests) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (List<String> request : requests) {
            if (request.stream().anyMatch(word -> word.contains("\t") || word.contains("\n"))) {
                throw new IllegalArgumentException("agent request words may not contain tabs or newlines: "
                        + request);
            }
            lines.append(String.join("\t", request)).append('\n');
        }
        try {
            if (channel == null) {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(socket()));
                replies = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                        StandardCharsets.UTF_8));
            }
            var out = Channels.newOutputStream(channel);
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> answers = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                String reply = replies.readLine();
                if (reply == null) {
                    throw new IOException("connection closed without an answer");
                }
                answers.add(reply);
            }
            return answers;
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
        return stateDir.resolve(AgentHostServer.SOCKET);
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
        process = launcher.get();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_MILLIS * 1_000_000;
        while (!(Files.exists(socket()) && answers())) {
            if (!process.isAlive()) {
                throw new LabException("the agent host of lab " + labId + " exited at start: "
                        + process.output().strip());
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("the agent host of lab " + labId + " did not start within "
                        + READY_MILLIS / 1000 + " s (machine overloaded?): " + process.output().strip());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while the agent host of lab " + labId + " starts", e);
            }
        }
    }
}
