/** Developer tools on the real manifest and fragment path: presentation reading, snapshots. */
@NullMarked
package org.smoothplayer.app.tools;

import org.jspecify.annotations.NullMarked;
