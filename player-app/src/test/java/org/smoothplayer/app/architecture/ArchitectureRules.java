package org.smoothplayer.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/** The dependency rules of ARCHITECTURE.md, each with the reason it exists. */
final class ArchitectureRules {
  private ArchitectureRules() {}

  static final String HEURISTICS = "org.smoothplayer.heuristics..";
  static final String SIMULATOR = "org.smoothplayer.heuristics.sim..";

  /** The decision engine runs unchanged inside the player and inside the trace simulator. */
  static final ArchRule HEURISTICS_USE_ONLY_THE_JDK =
      ArchRuleDefinition.classes()
          .that()
          .resideInAPackage(HEURISTICS)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", HEURISTICS, "org.jspecify.annotations..")
          .because(
              "the heuristics engine must run unchanged in the player and in the trace simulator,"
                  + " so it may depend on nothing but the JDK (JSpecify annotations carry no"
                  + " behaviour)");

  /** Decisions are pure functions of their inputs; only the simulator touches files and threads. */
  static final ArchRule HEURISTICS_DECISIONS_DO_NOT_READ_THE_CLOCK_OR_DO_IO =
      noClasses()
          .that()
          .resideInAPackage(HEURISTICS)
          .and()
          .resideOutsideOfPackage(SIMULATOR)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..", "java.net..")
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(
              java.time.Clock.class,
              java.time.InstantSource.class,
              Thread.class,
              java.util.concurrent.Executor.class,
              java.util.concurrent.ExecutorService.class,
              java.util.concurrent.ForkJoinPool.class,
              java.util.concurrent.CompletableFuture.class)
          .orShould()
          .callMethodWhere(readsTheClockOrUnseededRandomness())
          .orShould()
          .callConstructor(java.util.Random.class)
          .because(
              "a decision must be a pure function of its input record: time and observations come"
                  + " in as inputs, so the simulator and a QA log replay give the same decision;"
                  + " only the simulator package may read trace files or run threads");

  /** Only the view layer knows JavaFX, so the engine runs headless and under test. */
  static final ArchRule ONLY_THE_UI_PACKAGE_IMPORTS_JAVAFX =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.smoothplayer.app.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("javafx..")
          .because(
              "the playback engine, the CLI and the other modules must run without a display;"
                  + " JavaFX stays behind the ui package");

  /** The decoder is a library of fragments and codecs, below the application. */
  static final ArchRule DECODER_DOES_NOT_IMPORT_THE_PLAYER_APP =
      noClasses()
          .that()
          .resideInAPackage("org.smoothplayer.decoder..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.smoothplayer.app..")
          .because(
              "the decoder knows fragments and codecs, not manifests, URLs or the UI; the"
                  + " dependency points from player-app to decoder only");

  private static DescribedPredicate<JavaCall<?>> readsTheClockOrUnseededRandomness() {
    return DescribedPredicate.describe(
        "reads the clock or draws unseeded randomness",
        call -> {
          JavaClass owner = call.getTargetOwner();
          String name = call.getName();
          return (owner.isEquivalentTo(System.class)
                  && (name.equals("currentTimeMillis") || name.equals("nanoTime")))
              || (owner.getPackageName().equals("java.time") && name.equals("now"))
              || (owner.isEquivalentTo(Math.class) && name.equals("random"))
              || owner.isEquivalentTo(java.util.concurrent.ThreadLocalRandom.class);
        });
  }
}
