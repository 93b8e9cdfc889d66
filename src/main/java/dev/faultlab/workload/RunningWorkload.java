package dev.faultlab.workload;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;
import dev.faultlab.backend.LabProcess;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * A scenario's workload inside a running lab: the servers (started through {@link Cluster#start} and awaited
 * until they listen) and the clients (run through {@link Cluster#exec}, concurrently, their JSON lines parsed).
 * The lab ends the server processes on close anyway; closing this ends them earlier.
 */
public final class RunningWorkload implements ServerControl, AutoCloseable {
    /** Wall-time bound handed to every client that does not set its own {@code max-seconds}. */
    static final int DEFAULT_CLIENT_SECONDS = 20;
    private static final Duration LISTEN_WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Cluster cluster;
    private final WorkloadPlan plan;
    private final String program;
    private final Consumer<String> log;
    private final List<RunningServer> servers = new ArrayList<>();

    private record RunningServer(ServerSpec spec, LabProcess process) {
    }

    private RunningWorkload(Cluster cluster, WorkloadPlan plan, String program, Consumer<String> log) {
        this.cluster = cluster;
        this.plan = plan;
        this.program = program;
        this.log = log;
    }

    /** Starts the plan's servers and returns once each one listens. */
    public static RunningWorkload start(Cluster cluster, WorkloadPlan plan, String program, Consumer<String> log) {
        RunningWorkload workload = new RunningWorkload(cluster, plan, program, log);
        try {
            plan.servers().forEach(workload::startServer);
        } catch (RuntimeException e) {
            workload.close();
            throw e;
        }
        return workload;
    }

    public WorkloadPlan plan() {
        return plan;
    }

    /**
     * Runs the clients (concurrently, or in order when the plan is sequential) and waits for them; repeats
     * the round while the plan's counter has not risen. Every client is bounded in count and wall time.
     */
    public WorkloadOutcome drive() {
        RepeatUntil until = plan.until();
        long baseline = until == null ? 0 : NstatCounter.read(cluster, until.host(), until.counter());
        int rounds = until == null ? 1 : until.rounds();
        List<ClientRun> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            runs.addAll(runRound(round));
            if (until != null && NstatCounter.read(cluster, until.host(), until.counter()) > baseline) {
                log.accept("workload: " + until.counter() + " rose on " + until.host() + " in round " + round);
                return new WorkloadOutcome(runs, round, true);
            }
        }
        return new WorkloadOutcome(runs, rounds, false);
    }

    private List<ClientRun> runRound(int round) {
        if (plan.sequential()) {
            return plan.clients().stream().map(c -> runClient(c, round)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, plan.clients().size()));
        try {
            List<CompletableFuture<ClientRun>> runs = plan.clients().stream()
                    .map(c -> CompletableFuture.supplyAsync(() -> runClient(c, round), pool)).toList();
            return runs.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void restart(String host, int port, Map<String, String> overrides) {
        List<RunningServer> matching = servers.stream()
                .filter(s -> s.spec().host().equals(host) && s.spec().port() == port).toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("no workload server on " + host + " port " + port
                    + ": add it to the scenario's workload.servers");
        }
        for (RunningServer server : matching) {
            server.process().close();
            servers.remove(server);
            startServer(server.spec().withArgs(overrides));
        }
    }

    private void startServer(ServerSpec spec) {
        List<String> argv = WorkloadArgs.command(program, spec.run(), spec.args());
        log.accept("workload: " + spec.host() + ": " + String.join(" ", argv.subList(1, argv.size())));
        LabProcess process = cluster.start(spec.host(), argv);
        servers.add(new RunningServer(spec, process));
        try {
            await().atMost(LISTEN_WAIT).pollInterval(Duration.ofMillis(20)).until(() -> listening(spec, process));
        } catch (ConditionTimeoutException e) {
            throw new LabException("workload server on " + spec.host() + " did not listen within "
                    + LISTEN_WAIT.toSeconds() + " s: " + process.output().strip());
        }
    }

    private static boolean listening(ServerSpec spec, LabProcess process) {
        if (process.output().contains("\"event\":\"listening\"")) {
            return true;
        }
        if (!process.isAlive()) {
            throw new LabException("workload server on " + spec.host() + " exited: " + process.output().strip());
        }
        return false;
    }

    private ClientRun runClient(ClientSpec spec, int round) {
        List<String> targets = spec.to().stream().map(t -> Endpoints.resolve(t, cluster.layout())).toList();
        Map<String, String> options = new HashMap<>(spec.args());
        options.put("targets", String.join(",", targets));
        options.putIfAbsent("max-seconds", String.valueOf(DEFAULT_CLIENT_SECONDS));
        List<String> argv = WorkloadArgs.command(program, spec.run(), options);
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.get("max-seconds")) + 5);
        log.accept("workload: " + spec.host() + ": " + String.join(" ", argv.subList(1, argv.size()))
                + (plan.until() == null ? "" : " (round " + round + ")"));
        return new ClientRun(spec, round, targets, parse(spec.host(), cluster.exec(spec.host(), argv, timeout)));
    }

    static List<ConnectionResult> parse(String host, ExecResult result) {
        if (!result.ok()) {
            throw new LabException("workload client on " + host + " failed (exit " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
        return result.stdout().lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return JSON.readValue(line, ConnectionResult.class).withClient(host);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable workload output line '" + line + "'", e);
            }
        }).toList();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.process().close());
        servers.clear();
    }
}
