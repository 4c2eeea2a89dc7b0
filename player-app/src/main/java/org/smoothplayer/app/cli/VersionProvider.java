package org.smoothplayer.app.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar manifest (the Maven project version). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "smooth-player " + (version == null ? "(development build)" : version),
      "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
    };
  }
}
