package dev.notifier;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floors of {@code ARCHITECTURE.md} ("what may import what"), checked on the compiled main
 * classes: imports point down or sideways, never up, and no two packages reach each other by any
 * path. A change that needs an arrow up changes the table there first, with its reason.
 *
 * <p>Where this differs from the table, and why: {@code cost} and {@code cachehit} are flows (each
 * check fires notifications through delivery's fan-out); {@code ops} holds the meters the flows
 * report to, so it sits with state and rules; {@code base} (topics, faults and outages, the clock
 * in SQL, the ticker) and the event contract ({@code events}) are foundation.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.notifier");
  }

  @Test
  void importsPointDownTheFloors() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("application")
        .definedBy("dev.notifier")
        .layer("faces")
        .definedBy("dev.notifier.admin..", "dev.notifier.console..", "dev.notifier.cli..")
        .layer("flows")
        .definedBy(
            "dev.notifier.ingest..",
            "dev.notifier.delivery..",
            "dev.notifier.schedule..",
            "dev.notifier.escalation..",
            "dev.notifier.cost..",
            "dev.notifier.cachehit..")
        .layer("state and rules")
        .definedBy(
            "dev.notifier.binding..",
            "dev.notifier.routing..",
            "dev.notifier.dedupe..",
            "dev.notifier.usage..",
            "dev.notifier.ops..")
        .layer("integrations")
        .definedBy("dev.notifier.channel..", "dev.notifier.chart..")
        .layer("foundation")
        .definedBy(
            "dev.notifier.events..",
            "dev.notifier.base..",
            "dev.notifier.message..",
            "dev.notifier.egress..",
            "dev.notifier.secrets..")
        .whereLayer("application")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("faces")
        .mayOnlyBeAccessedByLayers("application")
        .whereLayer("flows")
        .mayOnlyBeAccessedByLayers("application", "faces")
        .whereLayer("state and rules")
        .mayOnlyBeAccessedByLayers("application", "faces", "flows")
        .whereLayer("integrations")
        .mayOnlyBeAccessedByLayers("application", "faces", "flows", "state and rules")
        .ensureAllClassesAreContainedInArchitecture()
        .check(main);
  }

  /**
   * NullAway (in the build) checks only @NullMarked code, so a package without it goes unchecked.
   */
  @Test
  void everyPackageIsNullMarked() {
    List<String> unmarked =
        main.getPackage("dev.notifier").getSubpackagesInTree().stream()
            .filter(p -> !p.getClasses().isEmpty())
            // the event contract is another module's (marked there); read from its jar in a full
            // build, its package-info is not among these classes
            .filter(p -> !p.getName().startsWith("dev.notifier.events"))
            .filter(p -> !p.isAnnotatedWith(NullMarked.class))
            .map(JavaPackage::getName)
            .toList();
    assertThat(unmarked).isEmpty();
  }

  @Test
  void noTwoPackagesReachEachOther() {
    slices().matching("dev.notifier.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void aChannelKnowsNoOtherChannel() {
    slices().matching("dev.notifier.channel.(*)..").should().notDependOnEachOther().check(main);
  }
}
