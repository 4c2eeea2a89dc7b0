/** Tests of the developer tools. */
@NullMarked
package org.smoothplayer.app.tools;

import org.jspecify.annotations.NullMarked;
