/**
 * The kubeconfig backend: a lab inside an existing Kubernetes cluster reached through a kubeconfig, on nodes
 * labelled faultlab.dev/lab=true.
 */
package dev.faultlab.backend.kube;
