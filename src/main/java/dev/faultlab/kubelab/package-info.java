/**
 * A lab placed through a Kubernetes API (pods, services, agent DaemonSets, node discovery), shared by the
 * kubeconfig and k3s backends.
 */
package dev.faultlab.kubelab;
