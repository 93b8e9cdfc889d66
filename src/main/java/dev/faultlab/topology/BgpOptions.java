package dev.faultlab.topology;

/**
 * Timers and speaker of the BGP datapath. The lab's defaults are short so routes converge in seconds; the field
 * defaults (hold 90 s, graceful restart 90 s) are available for scenarios that need them.
 *
 * @param holdTimeSeconds      BGP hold time: how long a hung peer is trusted
 * @param keepaliveSeconds     keepalive interval
 * @param gracefulRestart      whether peers keep a restarting node's routes (stale) for {@code restartTimeSeconds}
 * @param restartTimeSeconds   graceful-restart window
 * @param daemon               the BGP speaker run on each node
 */
public record BgpOptions(int holdTimeSeconds, int keepaliveSeconds, boolean gracefulRestart, int restartTimeSeconds,
                         BgpDaemon daemon) {
    /** The lab's speaker: bird, the one that converges in under 5 s (see {@link BgpDaemon}). */
    public static final BgpDaemon DEFAULT_DAEMON = BgpDaemon.BIRD;

    public BgpOptions {
        if (daemon == null) {
            throw new IllegalArgumentException("BGP daemon missing: use one of bird, gobgpd, embedded");
        }
    }

    /** Timers only, with the lab's default speaker. */
    public BgpOptions(int holdTimeSeconds, int keepaliveSeconds, boolean gracefulRestart, int restartTimeSeconds) {
        this(holdTimeSeconds, keepaliveSeconds, gracefulRestart, restartTimeSeconds, DEFAULT_DAEMON);
    }

    public static BgpOptions labDefaults() {
        return new BgpOptions(9, 3, false, 0);
    }

    public BgpOptions withGracefulRestart(int restartTimeSeconds) {
        return new BgpOptions(holdTimeSeconds, keepaliveSeconds, true, restartTimeSeconds, daemon);
    }

    public BgpOptions withHoldTime(int holdSeconds, int keepalive) {
        return new BgpOptions(holdSeconds, keepalive, gracefulRestart, restartTimeSeconds, daemon);
    }

    public BgpOptions withDaemon(BgpDaemon speaker) {
        return new BgpOptions(holdTimeSeconds, keepaliveSeconds, gracefulRestart, restartTimeSeconds, speaker);
    }
}
