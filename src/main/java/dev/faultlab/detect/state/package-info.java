/**
 * Reads collected host state (the files capture.state writes, or ci/collect-node-state.sh on a customer's node)
 * into typed records.
 */
package dev.faultlab.detect.state;
