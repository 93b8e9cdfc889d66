/**
 * Docker-host plumbing shared by the container backends (docker, k3s, kubeconfig): node containers, the underlay
 * network, lab labels and stale-lab reaping, container processes and settings.
 */
package dev.faultlab.container;
