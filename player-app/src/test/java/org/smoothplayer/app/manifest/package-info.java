/** Tests of the manifest model, parser, timelines and URL templates. */
@NullMarked
package org.smoothplayer.app.manifest;

import org.jspecify.annotations.NullMarked;
