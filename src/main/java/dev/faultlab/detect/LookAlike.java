package dev.faultlab.detect;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What real captures show that resembles a root cause's signature without being it. A detector declares the
 * look-alikes of its cause; its finding is a {@link Tier#ROOT_CAUSE} only when each one is excluded by a fact
 * (see {@link LookAlikeCheck}).
 */
public enum LookAlike {
    FIREWALL_DROP("firewall-drop", "a firewall or NetworkPolicy drop"),
    DEAD_HOST("dead-host", "a dead or absent host"),
    ONE_LOST_SYN("one-lost-syn", "one lost SYN"),
    STALE_SERVICE_ENDPOINT("stale-service-endpoint", "a stale Service endpoint"),
    ASYMMETRIC_REPLY("asymmetric-reply", "direct-server-return or asymmetric replies"),
    CHALLENGE_ACK("challenge-ack", "a challenge ACK on an ESTABLISHED socket"),
    ORDINARY_LOSS("ordinary-loss", "ordinary loss with SACK"),
    GSO_SUPER_FRAMES("gso-super-frames", "GSO/TSO super-frames"),
    FUZZED_TIMESTAMPS("fuzzed-timestamps", "fuzzed or crafted timestamps");

    private final String id;
    private final String label;

    LookAlike(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** Stable id for JSON and scripts. */
    @JsonValue
    public String id() {
        return id;
    }

    /** What it is, for people. */
    public String label() {
        return label;
    }
}
