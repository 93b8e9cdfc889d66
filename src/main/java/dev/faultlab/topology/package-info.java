/**
 * The lab's shape as plain immutable records: what a scenario asks for (ClusterSpec, ServiceSpec, the datapath and
 * BGP options) and what a backend built (ClusterLayout: nodes, pods, clients, services).
 */
package dev.faultlab.topology;
