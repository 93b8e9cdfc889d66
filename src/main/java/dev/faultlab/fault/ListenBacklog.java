package dev.faultlab.fault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The application listens with a tiny backlog and accepts slowly (the Java service of the field report): its
 * accept queue fills and further handshakes are dropped (or reset with {@code tcp_abort_on_overflow=1}).
 * Injected as the field got it: the server process is restarted with that {@code listen(backlog)} and accept pace.
 * Healing applies the finding's remedy: the server is restarted accepting at once, with the largest backlog the
 * host's {@code net.core.somaxconn} allows.
 */
public final class ListenBacklog implements Fault<ListenBacklog.Params> {
    private static final FaultInfo<Params> INFO = new FaultInfo<>("listen-backlog",
            "restarts a server with a tiny listen backlog and a slow accept loop", Params.class);

    public record Params(
            @Param("the host of the workload server") String host,
            @Param("its port") int port,
            @Param(value = "the listen() backlog", fallback = "1") int backlog,
            @Param(value = "pause before each accept() (the default keeps the queue full for the run)",
                    fallback = "10000") int acceptDelayMs) {
    }

    @Override
    public FaultInfo<Params> info() {
        return INFO;
    }

    @Override
    public void inject(FaultContext context, Params params) {
        String backlog = String.valueOf(params.backlog());
        String delay = String.valueOf(params.acceptDelayMs());
        context.log().accept(params.host() + ": server restarted with backlog " + backlog
                + " and accept delay " + delay + " ms");
        context.servers().restart(params.host(), params.port(),
                Map.of("backlog", backlog, "accept-delay-ms", delay));
    }

    @Override
    public boolean heals() {
        return true;
    }

    @Override
    public void heal(FaultContext context, Params params) {
        // listen() silently caps its backlog at somaxconn, so asking for more than that would change nothing
        String somaxconn = context.cluster().exec(params.host(), List.of("sysctl", "-n", "net.core.somaxconn"),
                Duration.ofSeconds(10)).orThrow().stdout().strip();
        context.log().accept(params.host() + ": server restarted with backlog " + somaxconn
                + " (net.core.somaxconn) and no accept delay");
        context.servers().restart(params.host(), params.port(), Map.of("backlog", somaxconn, "accept-delay-ms", "0"));
    }
}
