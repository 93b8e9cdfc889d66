/**
 * Backend-neutral datapaths: what each pod-to-pod datapath programs on a node (tunnel devices, MTU,
 * FDB/neighbor/route entries, BGP configuration and route sync, kube-proxy rules) written once against the
 * NodeShell seam, and the agents that keep it programmed. Every backend builds its datapath from here.
 */
package dev.faultlab.datapath;
