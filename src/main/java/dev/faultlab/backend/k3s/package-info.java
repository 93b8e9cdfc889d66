/**
 * The k3s backend: real Kubernetes (k3s server and agents) in containers, with the datapath's real CNI or a stand-
 * in; pods and agents placed through the Kubernetes API.
 */
package dev.faultlab.backend.k3s;
