/**
 * The faultlab command line: one Subcommand per verb (run, matrix, diagnose, lab, doctor, list), each a
 * ServiceLoader service.
 */
package dev.faultlab.cli;
