/**
 * Host-state collection: after a scenario runs, writes each lab host's routes, neighbors, FDB, sockets, counters
 * and agent state in the layout the detectors read.
 */
package dev.faultlab.capture.state;
