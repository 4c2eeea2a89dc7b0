/** Tests of the QA report: series, charts, tables, and logs from real and simulated sessions. */
@NullMarked
package org.smoothplayer.app.session.report;

import org.jspecify.annotations.NullMarked;
