/** Test content, the local origin, sample content and icons. */
@NullMarked
package org.smoothplayer.assets;

import org.jspecify.annotations.NullMarked;
