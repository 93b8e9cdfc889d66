package dev.faultlab.datapath;

import dev.faultlab.backend.ExecResult;

import java.time.Duration;
import java.util.List;

/**
 * Runs a command in a node's network namespace (and mount namespace, for {@code ip netns}). The datapath
 * programming in this package is written against it only, so any backend whose nodes are "a Linux network
 * namespace with iproute2 and iptables reachable by exec" can reuse it: a container via docker exec, a namespace
 * via {@code ip netns exec}.
 */
@FunctionalInterface
public interface NodeShell {
    ExecResult exec(List<String> argv, Duration timeout);

    /** Runs a command and throws a one-line LabException naming it when it fails. */
    default ExecResult run(String... argv) {
        return exec(List.of(argv), Duration.ofSeconds(30)).orThrow();
    }

    default ExecResult run(List<String> argv) {
        return exec(argv, Duration.ofSeconds(30)).orThrow();
    }

    /** Runs a plan in order, stopping at the first failure; shells with a cheaper way to run many override it. */
    default void runAll(List<List<String>> plan) {
        plan.forEach(this::run);
    }
}
