/**
 * The netns backend: every node and pod is a network namespace on this host, joined by a bridge underlay; agents
 * are host processes. The fastest backend and the default.
 */
package dev.faultlab.backend.netns;
