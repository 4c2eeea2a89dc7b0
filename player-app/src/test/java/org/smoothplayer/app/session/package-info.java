/** Tests of the session log: JSON mapping, writer, reader and summary. */
@NullMarked
package org.smoothplayer.app.session;

import org.jspecify.annotations.NullMarked;
