package dev.faultlab.backend.netns;

import dev.faultlab.datapath.AgentHost;

/**
 * What a datapath driver works with while a lab is built and run: the plan (hosts, namespaces, addresses), the
 * state directory (lease tables, configs, logs), the process tracker (daemons are ended with the lab), how
 * commands reach the kernel, and the lab's one agent process, whose threads are the nodes' agents.
 */
record LabRuntime(LabPlan plan, LabStateDir state, ProcessTracker processes, HostCommands commands,
                  AgentHost agents) {
}
