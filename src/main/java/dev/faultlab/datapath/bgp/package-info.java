/**
 * An in-process BGP-4 speaker (RFC 4271, with 4-octet AS numbers, multiprotocol IPv4 unicast, graceful restart
 * RFC 4724 and the End-of-RIB marker): one {@link dev.faultlab.datapath.bgp.Speaker} per node, run as a thread of
 * the lab's agent host in the node's namespace, so a 100-node iBGP mesh costs threads instead of 100 native
 * daemons (~7 MB each). It speaks the protocol on real TCP sockets opened in the node's namespace (tshark
 * dissects its sessions, and bird peers with it) and installs learned routes as kube-router does. It is a faithful
 * speaker for scale, not a copy of any daemon: a fault that depends on one daemon's own behaviour needs bird or
 * gobgpd.
 *
 * <p>{@link dev.faultlab.datapath.bgp.BgpMessage} is the wire codec, {@link dev.faultlab.datapath.bgp.Session} one
 * TCP connection's state machine, {@link dev.faultlab.datapath.bgp.Neighbor} what a peer told us (its routes,
 * stale ones during a graceful restart), {@link dev.faultlab.datapath.bgp.SpeakerConfig} a node's configuration.
 */
package dev.faultlab.datapath.bgp;
