package org.smoothplayer.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.engine.planted.EngineThatImportsJavaFx;
import org.smoothplayer.decoder.planted.DecoderThatImportsTheApp;
import org.smoothplayer.heuristics.planted.PolicyThatReadsTheClock;
import org.smoothplayer.heuristics.planted.PolicyThatUsesTheNetwork;

/**
 * Checks the module boundaries on the production classes of every module, and shows once, on
 * planted violations kept in the test sources, that each rule really fails.
 */
class ArchitectureTest {

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TEST_FIXTURES)
            .importPackages("org.smoothplayer");
  }

  @Test
  void production_classes_of_every_module_are_imported() {
    assertThat(production.stream().map(c -> c.getPackageName()))
        .anyMatch(p -> p.startsWith("org.smoothplayer.heuristics"))
        .anyMatch(p -> p.startsWith("org.smoothplayer.decoder"))
        .anyMatch(p -> p.startsWith("org.smoothplayer.assets"))
        .anyMatch(p -> p.startsWith("org.smoothplayer.app"))
        .noneMatch(p -> p.endsWith(".planted"));
  }

  @Test
  void heuristics_use_only_the_jdk() {
    ArchitectureRules.HEURISTICS_USE_ONLY_THE_JDK.check(production);
  }

  @Test
  void heuristics_decisions_do_not_read_the_clock_or_do_io() {
    ArchitectureRules.HEURISTICS_DECISIONS_DO_NOT_READ_THE_CLOCK_OR_DO_IO.check(production);
  }

  @Test
  void only_the_ui_package_imports_javafx() {
    ArchitectureRules.ONLY_THE_UI_PACKAGE_IMPORTS_JAVAFX.check(production);
  }

  @Test
  void the_decoder_does_not_import_the_player_app() {
    ArchitectureRules.DECODER_DOES_NOT_IMPORT_THE_PLAYER_APP.check(production);
  }

  @Test
  void a_policy_that_reads_the_clock_fails_the_purity_rule() {
    assertViolation(
        ArchitectureRules.HEURISTICS_DECISIONS_DO_NOT_READ_THE_CLOCK_OR_DO_IO,
        PolicyThatReadsTheClock.class,
        "System.nanoTime()");
  }

  @Test
  void a_policy_that_uses_the_network_fails_both_heuristics_rules() {
    assertViolation(
        ArchitectureRules.HEURISTICS_DECISIONS_DO_NOT_READ_THE_CLOCK_OR_DO_IO,
        PolicyThatUsesTheNetwork.class,
        "java.net.URI");
    assertViolation(
        ArchitectureRules.HEURISTICS_USE_ONLY_THE_JDK,
        PolicyThatUsesTheNetwork.class,
        "org.smoothplayer.app.cli.Main");
  }

  @Test
  void an_engine_class_that_imports_javafx_fails_the_ui_rule() {
    assertViolation(
        ArchitectureRules.ONLY_THE_UI_PACKAGE_IMPORTS_JAVAFX,
        EngineThatImportsJavaFx.class,
        "javafx.scene.Node");
  }

  @Test
  void a_decoder_class_that_imports_the_app_fails_the_layering_rule() {
    assertViolation(
        ArchitectureRules.DECODER_DOES_NOT_IMPORT_THE_PLAYER_APP,
        DecoderThatImportsTheApp.class,
        "org.smoothplayer.app.cli.Main");
  }

  private static void assertViolation(ArchRule rule, Class<?> planted, String culprit) {
    JavaClasses classes = new ClassFileImporter().importClasses(planted);
    assertThatThrownBy(() -> rule.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(planted.getName())
        .hasMessageContaining(culprit)
        .hasMessageContaining("because");
  }
}
