package dev.faultlab.fault;

import java.util.Map;

/**
 * The application listens with a tiny backlog and accepts slowly (the Java service of the field report): its
 * accept queue fills and further handshakes are dropped (or reset with {@code tcp_abort_on_overflow=1}).
 * Injected as the field got it: the server process is restarted with that {@code listen(backlog)} and accept pace.
 */
public final class ListenBacklog implements Fault {
    private static final FaultInfo INFO = new FaultInfo("listen-backlog",
            "restarts a server with a tiny listen backlog and a slow accept loop",
            Map.of(
                    "host", "the host of the workload server",
                    "port", "its port",
                    "backlog", "the listen() backlog (default 1)",
                    "accept-delay-ms", "pause before each accept() (default 10000: the queue stays full for the run)"));

    @Override
    public FaultInfo info() {
        return INFO;
    }

    @Override
    public void inject(FaultContext context) {
        FaultParams params = context.params();
        String backlog = String.valueOf(params.integer("backlog", 1));
        String delay = String.valueOf(params.integer("accept-delay-ms", 10000));
        context.log().accept(params.string("host") + ": server restarted with backlog " + backlog
                + " and accept delay " + delay + " ms");
        context.servers().restart(params.string("host"), params.integer("port"),
                Map.of("backlog", backlog, "accept-delay-ms", delay));
    }
}
