/**
 * The bottom layer: {@link dev.faultlab.LabException}, the one exception every layer throws when a lab cannot be
 * built, run or read (its message names the cause and the fix).
 */
package dev.faultlab;
