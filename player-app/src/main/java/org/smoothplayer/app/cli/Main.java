package org.smoothplayer.app.cli;

/** Entry point of the {@code smooth-player} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("smooth-player");
  }
}
