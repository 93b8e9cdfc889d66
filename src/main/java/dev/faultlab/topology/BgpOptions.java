package dev.faultlab.topology;

/**
 * Timers of the BGP datapath. The lab's defaults are short so routes converge in seconds; the field defaults
 * (hold 90 s, graceful restart 90 s) are available for scenarios that need them.
 *
 * @param holdTimeSeconds      BGP hold time: how long a hung peer is trusted
 * @param keepaliveSeconds     keepalive interval
 * @param gracefulRestart      whether peers keep a restarting node's routes (stale) for {@code restartTimeSeconds}
 * @param restartTimeSeconds   graceful-restart window
 */
public record BgpOptions(int holdTimeSeconds, int keepaliveSeconds, boolean gracefulRestart, int restartTimeSeconds) {
    public static BgpOptions labDefaults() {
        return new BgpOptions(9, 3, false, 0);
    }

    public BgpOptions withGracefulRestart(int restartTimeSeconds) {
        return new BgpOptions(holdTimeSeconds, keepaliveSeconds, true, restartTimeSeconds);
    }

    public BgpOptions withHoldTime(int holdSeconds, int keepalive) {
        return new BgpOptions(holdSeconds, keepalive, gracefulRestart, restartTimeSeconds);
    }
}
