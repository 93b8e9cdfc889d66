/**
 * The backend plug-in interface: a Backend builds a Cluster (nodes, pods, agents, captures) from a ClusterSpec;
 * Backends finds one by name. Backends are peers in sub-packages and never import each other.
 */
package dev.faultlab.backend;
