/** Quality-of-experience metrics (QoE_lin, QoE_log, QoE_hd) as pure functions. */
@NullMarked
package org.smoothplayer.heuristics.qoe;

import org.jspecify.annotations.NullMarked;
