package dev.faultlab.datapath;

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
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The one agent process of a lab: every node's agent (flannel agent, BGP route sync) is an {@link AgentThread} here,
 * joined to its node's network namespace with setns (a netns node's namespace file, or a docker node container's
 * {@code /proc/<init pid>/ns/net}), instead of a JVM per node (about 50 MB each). The lab drives it through a unix
 * socket in the lab's state directory, one line per request ({@link AgentHost} is the client), and each request acts
 * on one node's agent alone: start, kill, stop, pause, resume, status, describe. Each backend's main class names the agents
 * it may start and how to tell that its lab is gone.
 */
public final class AgentHostServer {
    public static final String SOCKET = "agent-host.sock";
    private static final long LAB_CHECK_MILLIS = 1000;

    private final Path stateDir;
    private final Map<String, Function<List<String>, HostedAgent>> kinds;
    private final Map<String, AgentThread> agents = new ConcurrentHashMap<>();
    private final Map<String, Integer> starts = new ConcurrentHashMap<>();
    private final Map<Path, DirectoryChanges> watched = new ConcurrentHashMap<>();

    /**
     * @param stateDir the lab's state directory: the socket and the agents' logs go there
     * @param kinds    the agents a start request may name, each made from its argument list
     */
    public AgentHostServer(Path stateDir, Map<String, Function<List<String>, HostedAgent>> kinds) {
        this.stateDir = stateDir;
        this.kinds = Map.copyOf(kinds);
    }

    /** Serves requests until the process ends, exiting once {@code labExists} turns false (checked every second). */
    public void serve(String labId, BooleanSupplier labExists) throws IOException {
        Thread watchdog = new Thread(() -> exitWhenLabGone(labId, labExists), "lab-watchdog-" + labId);
        watchdog.setDaemon(true);
        watchdog.start();
        serve(stateDir.resolve(SOCKET));
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
        if (verb.equals("describe")) {
            return agent != null && agent.running() ? agent.describe().replace('\n', ' ') : "";
        }
        if (agent == null) {
            return "ok";
        }
        Map<String, Runnable> actions = Map.of("kill", agent::kill, "stop", agent::stop, "pause", agent::pause,
                "resume", agent::resume);
        Runnable action = actions.get(verb);
        if (action == null) {
            return "error unknown request '" + verb + "': use one of start, status, describe, " + actions.keySet();
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
        String kind = args.get(1);
        Function<List<String>, HostedAgent> factory = kinds.get(kind);
        if (factory == null) {
            return "error unknown agent kind '" + kind + "': use one of " + new TreeSet<>(kinds.keySet());
        }
        int n = starts.merge(node, 1, Integer::sum);
        Path log = AgentHost.logFile(stateDir, node, kind);
        try {
            Files.createDirectories(log.getParent());
            PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), n > 1), true, StandardCharsets.UTF_8);
            AgentThread agent = new AgentThread(node, Path.of(args.get(0)),
                    factory.apply(args.subList(2, args.size())), out,
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
     * process). A lab whose owner crashed keeps its agents, like its namespaces, until its reaper or teardown runs.
     */
    private static void exitWhenLabGone(String labId, BooleanSupplier labExists) {
        while (true) {
            try {
                Thread.sleep(LAB_CHECK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!labExists.getAsBoolean()) {
                System.out.println("agent host: the record of lab " + labId + " is gone, exiting");
                Runtime.getRuntime().halt(0);
            }
        }
    }
}
