/**
 * The docker backend: nodes are privileged containers of the faultlab/node image on an internal Docker network,
 * pods are namespaces inside them.
 */
package dev.faultlab.backend.docker;
