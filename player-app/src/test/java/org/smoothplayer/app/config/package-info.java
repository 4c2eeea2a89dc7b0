/** Tests of the configuration: settings files, the settings store, the session-log folder. */
@NullMarked
package org.smoothplayer.app.config;

import org.jspecify.annotations.NullMarked;
