package dev.faultlab.detect;

import dev.faultlab.detect.state.HostStates;

/**
 * What every detector can consult when concluding.
 *
 * @param states     host state snapshots (possibly none)
 * @param handshakes connection openings across all captures
 */
public record AnalysisContext(HostStates states, Handshakes handshakes) {
}
