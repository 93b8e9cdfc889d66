package dev.faultlab.topology;

/** Kubernetes' Service.spec.externalTrafficPolicy, as kube-proxy implements it in iptables mode. */
public enum ExternalTrafficPolicy {
    /** Any node forwards to any endpoint and SNATs (MASQUERADE) the client to the node's address. */
    CLUSTER,
    /** A node forwards only to its own endpoints and keeps the client's source address. */
    LOCAL
}
