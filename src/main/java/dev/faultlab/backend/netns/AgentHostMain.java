package dev.faultlab.backend.netns;

import dev.faultlab.datapath.AgentThread;
import dev.faultlab.datapath.DirectoryChanges;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one agent process of a lab: every node's agent (flannel agent, BGP route sync) is an {@link AgentThread} here,
 * joined to its node's namespace with setns, instead of a JVM per node (about 50 MB each). The lab drives it through
 * a unix socket in the lab's state directory, one line per request ({@link AgentHost} is the client), and
 * each request acts on one node's agent alone: start, kill, stop, pause, resume, status.
 *
 * <p>Like the per-node processes before it, it is started with setsid, recorded in the lab's state directory
 * (teardown and the stale-lab reaper SIGKILL it) and outlives the JVM that started it, so a lab left up by
 * {@code faultlab lab up} keeps its agents; after a crash of the lab's JVM the next start's reaper kills it with
 * the rest of the lab.
 *
 * <p>Arguments: lab id (shown by ps, so the process names its lab), lab state directory.
 */
public final class AgentHostMain {
    static final String SOCKET = "agent-host.sock";
    private static final long LAB_CHECK_MILLIS = 1000;

    private final LabStateDir lab;
    private final Map<String, AgentThread> agents = new ConcurrentHashMap<>();
    private final Map<String, Integer> starts = new ConcurrentHashMap<>();
    private final Map<Path, DirectoryChanges> watched = new ConcurrentHashMap<>();

    private AgentHostMain(LabStateDir lab) {
        this.lab = lab;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AgentHostMain LAB_ID LAB_STATE_DIR");
        }
        LabStateDir lab = LabStateDir.at(Path.of(args[1]));
        AgentHostMain host = new AgentHostMain(lab);
        Thread watchdog = new Thread(host::exitWhenLabGone, "lab-watchdog-" + args[0]);
        watchdog.setDaemon(true);
        watchdog.start();
        host.serve(lab.dir().resolve(SOCKET));
    }

    private void serve(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            System.out.println("agent host listening on " + socket);
            while (true) {
                SocketChannel client = server.accept();
                Thread handler = new Thread(() -> handle(client), "agent-host-request");
                handler.setDaemon(true);
                handler.start();
            }
        }
    }

    /** Answers a connection's requests, one line each, until the lab closes it (the lab keeps one open). */
    private void handle(SocketChannel client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                     StandardCharsets.UTF_8));
             PrintStream out = new PrintStream(Channels.newOutputStream(client), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String reply;
                try {
                    reply = answer(List.of(line.split("\t", -1)));
                } catch (RuntimeException e) {
                    reply = "error " + e.getMessage();
                }
                out.println(reply);
            }
        } catch (IOException e) {
            // the lab went away mid-request; nothing to answer
        }
    }

    /** Request: verb, node, then for start: namespace file, agent kind, the agent's arguments (tab-separated). */
    private String answer(List<String> request) {
        if (request.size() < 2) {
            return "error request needs a verb and a node: " + request;
        }
        String verb = request.get(0);
        String node = request.get(1);
        if (verb.equals("start")) {
            return start(node, request.subList(2, request.size()));
        }
        AgentThread agent = agents.get(node);
        if (verb.equals("status")) {
            return agent != null && agent.running() ? "running" : "stopped";
        }
        if (agent == null) {
            return "ok";
        }
        Map<String, Runnable> actions = Map.of("kill", agent::kill, "stop", agent::stop, "pause", agent::pause,
                "resume", agent::resume);
        Runnable action = actions.get(verb);
        if (action == null) {
            return "error unknown request '" + verb + "': use one of start, status, " + actions.keySet();
        }
        action.run();
        return "ok";
    }

    private synchronized String start(String node, List<String> args) {
        if (args.size() < 2) {
            return "error start needs a namespace file and an agent kind";
        }
        AgentThread running = agents.get(node);
        if (running != null && running.running()) {
            return "ok";
        }
        AgentKind kind;
        try {
            kind = AgentKind.valueOf(args.get(1));
        } catch (IllegalArgumentException e) {
            return "error unknown agent kind '" + args.get(1) + "': use one of "
                    + Arrays.toString(AgentKind.values());
        }
        int n = starts.merge(node, 1, Integer::sum);
        Path log = AgentHost.logFile(lab, node, kind);
        try {
            Files.createDirectories(log.getParent());
            PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), n > 1), true, StandardCharsets.UTF_8);
            AgentThread agent = new AgentThread(node, Path.of(args.get(0)),
                    kind.create(args.subList(2, args.size())), out,
                    dir -> watched.computeIfAbsent(dir, DirectoryChanges::watch));
            agents.put(node, agent);
            agent.start();
            return "ok";
        } catch (IOException | RuntimeException e) {
            return "error cannot start the agent of " + node + ": " + e.getMessage();
        }
    }

    /**
     * Exits once the lab's record is gone (removed by someone other than its teardown, which SIGKILLs this
     * process). A lab whose owner crashed keeps its agents, like its namespaces, until the next start reaps it.
     */
    private void exitWhenLabGone() {
        while (true) {
            try {
                Thread.sleep(LAB_CHECK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!lab.exists()) {
                System.out.println("agent host: the record of lab " + lab.labId() + " is gone, exiting");
                Runtime.getRuntime().halt(0);
            }
        }
    }
}
