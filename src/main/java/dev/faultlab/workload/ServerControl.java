package dev.faultlab.workload;

import java.util.Map;

/**
 * What a fault may do to the workload servers: restart one with other options, the way an application is
 * redeployed with a smaller listen backlog or a slower accept loop.
 */
public interface ServerControl {
    /**
     * Stops the servers a scenario started on {@code host} listening on {@code port} and starts them again with
     * {@code overrides} replacing or adding options (e.g. {@code backlog=1}); returns once they listen again.
     */
    void restart(String host, int port, Map<String, String> overrides);
}
