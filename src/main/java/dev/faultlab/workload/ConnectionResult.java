package dev.faultlab.workload;

/**
 * One connection (tcp) or query (udp) as the workload binary reported it in one JSON line.
 *
 * @param client    the lab host the client ran in (filled in by Java, not by the binary)
 * @param kind      {@code tcp} or {@code udp}
 * @param seq       the connection's number within its client run
 * @param target    {@code IP:PORT}
 * @param localPort the client's source port (0 when unknown)
 * @param result    {@code ok}, {@code timeout}, {@code refused}, {@code reset}, {@code unreachable}, {@code error}
 * @param stage     where it ended: {@code connect}, {@code send}, {@code reply}, {@code done}
 * @param connectMs time to connect
 * @param totalMs   time for the whole exchange
 * @param error     the system error text, empty when none
 */
public record ConnectionResult(String client, String kind, int seq, String target, int localPort, String result,
                               String stage, double connectMs, double totalMs, String error) {
    public boolean ok() {
        return "ok".equals(result);
    }

    public ConnectionResult withClient(String host) {
        return new ConnectionResult(host, kind, seq, target, localPort, result, stage, connectMs, totalMs, error);
    }
}
