/**
 * Generator of real Smooth Streaming presentations (H.264 + AAC or E-AC-3 fragments and a
 * Manifest).
 */
@NullMarked
package org.smoothplayer.assets.generate;

import org.jspecify.annotations.NullMarked;
