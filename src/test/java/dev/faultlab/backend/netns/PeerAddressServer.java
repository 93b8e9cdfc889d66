package dev.faultlab.backend.netns;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabProcess;

import java.time.Duration;
import java.util.List;

/**
 * A TCP server (socat) in a lab host that answers every connection with the peer address it saw, so one
 * connect proves reachability and shows what source address survived NAT.
 */
final class PeerAddressServer {
    private PeerAddressServer() {
    }

    static LabProcess start(Cluster cluster, String host, int port) {
        return cluster.start(host, List.of("socat", "TCP-LISTEN:" + port + ",reuseaddr,fork",
                "EXEC:printenv SOCAT_PEERADDR"));
    }

    /** Connects from {@code host} and returns what the server answered ("" when the connect failed). */
    static String ask(Cluster cluster, String host, String ip, int port) {
        ExecResult result = cluster.exec(host, List.of("socat", "-T", "3", "-u",
                "TCP:" + ip + ":" + port + ",connect-timeout=2", "STDOUT"), Duration.ofSeconds(6));
        return result.ok() ? result.stdout().strip() : "";
    }

    /** Like {@link #ask} but retries for a few seconds while the server starts or routes converge. */
    static String askUntilAnswered(Cluster cluster, String host, String ip, int port, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String answer = ask(cluster, host, ip, port);
        while (answer.isEmpty() && System.nanoTime() < deadline) {
            sleep(100);
            answer = ask(cluster, host, ip, port);
        }
        return answer;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
