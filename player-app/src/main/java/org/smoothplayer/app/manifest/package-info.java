/**
 * The Smooth Streaming client manifest: immutable model, secure parser, timelines, URL templates.
 */
@NullMarked
package org.smoothplayer.app.manifest;

import org.jspecify.annotations.NullMarked;
