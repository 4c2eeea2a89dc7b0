/** Throughput estimators: pure folds over transfer samples. */
@NullMarked
package org.smoothplayer.heuristics.estimate;

import org.jspecify.annotations.NullMarked;
