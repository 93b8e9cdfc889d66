package dev.faultlab.workload;

/**
 * Repeats the clients until a kernel counter rises on some host, for faults that only bite on a coin flip (a reused
 * 4-tuple whose new TCP timestamp happens to be lower than the remembered one): the run stops as soon as the
 * event happened and never loops unbounded.
 *
 * @param host    where to read the counter
 * @param counter an {@code nstat} counter name, e.g. {@code TcpExtPAWSTimewait}
 * @param rounds  at most this many rounds of all clients
 */
public record RepeatUntil(String host, String counter, int rounds) {
    public RepeatUntil {
        if (rounds < 1 || rounds > 100) {
            throw new IllegalArgumentException("until.rounds must be between 1 and 100, got " + rounds);
        }
    }
}
