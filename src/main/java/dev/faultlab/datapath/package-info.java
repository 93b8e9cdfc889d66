/**
 * Backend-neutral datapaths: what each pod-to-pod datapath programs on a node (tunnel devices, MTU,
 * FDB/neighbor/route entries, BGP configuration and route sync, kube-proxy rules) written once against the
 * NodeShell seam, and the agents that keep it programmed, with the runtime they run on (AgentThread: a node's agent
 * as a thread in its namespace, with kill/stop/pause; RouteInstaller; IpBatch). Every backend builds its datapath
 * from here.
 */
package dev.faultlab.datapath;
