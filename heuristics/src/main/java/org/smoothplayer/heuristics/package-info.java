/**
 * Pure bitrate decisions: inputs in, a decision with its reason out; no clock, no I/O, no threads.
 */
@NullMarked
package org.smoothplayer.heuristics;

import org.jspecify.annotations.NullMarked;
