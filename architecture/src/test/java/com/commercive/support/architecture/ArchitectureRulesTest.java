package com.commercive.support.architecture;

import static com.commercive.support.architecture.Modules.ADAPTERS;
import static com.commercive.support.architecture.Modules.CLASSES;
import static com.commercive.support.architecture.Modules.FUNCTIONS;
import static com.commercive.support.architecture.Modules.in;
import static com.commercive.support.architecture.Modules.inAny;
import static com.commercive.support.architecture.Modules.jdk;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.base.DescribedPredicate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules docs/architecture.md states, each held by a test here. */
class ArchitectureRulesTest {

  @Test
  void theDomainUsesOnlyTheJdk() {
    classes().that(in("domain")).should().onlyDependOnClassesThat(jdk().or(in("domain")))
        .because("the domain holds the rules and ports, independent of AWS, JSON and logging libraries")
        .check(CLASSES);
  }

  static List<String> functions() {
    return FUNCTIONS;
  }

  @ParameterizedTest
  @MethodSource("functions")
  void functionsNeverUseEachOther(String function) {
    List<String> others = FUNCTIONS.stream().filter(f -> !f.equals(function)).toList();
    noClasses().that(in(function)).should().dependOnClassesThat(inAny(others))
        .because("each function deploys alone: what two share belongs in the domain or an adapter")
        .check(CLASSES);
  }

  @Test
  void adaptersNeverUseFunctions() {
    noClasses().that(inAny(ADAPTERS)).should().dependOnClassesThat(inAny(FUNCTIONS))
        .because("an adapter implements a port for every function that needs it")
        .check(CLASSES);
  }

  @Test
  void sharedModulesNeverUseFunctions() {
    noClasses().that(inAny(Modules.SHARED)).should().dependOnClassesThat(inAny(FUNCTIONS))
        .because("what functions share cannot depend on one of them")
        .check(CLASSES);
  }

  @Test
  void theTicketRoutesFunctionNeverUsesTheAssistantModule() {
    noClasses().that(in("api-handler")).should().dependOnClassesThat(in("assistant"))
        .because("the assistant's search index, embedding model and ONNX Runtime are ai-response's alone")
        .check(CLASSES);
  }

  @Test
  void adaptersNeverUseEachOther() {
    for (String adapter : ADAPTERS) {
      List<String> others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).toList();
      noClasses().that(in(adapter)).should().dependOnClassesThat(inAny(others))
          .because("each technology's adapters are wired in their own module's one place")
          .check(CLASSES);
    }
  }

  @Test
  void infraUsesOnlyTheCatalogueAndTheCdk() {
    DescribedPredicate<JavaClass> cdk = DescribedPredicate.describe("in the CDK or its rule packs",
        c -> c.getPackageName().startsWith("software.amazon.awscdk") || c.getPackageName().startsWith("software.constructs")
            || c.getPackageName().startsWith("io.github.cdklabs.cdknag"));
    classes().that(in("infra")).should().onlyDependOnClassesThat(jdk().or(in("infra")).or(in("resources")).or(cdk))
        .because("the stack is described from the catalogue in resources, never from the code it deploys")
        .check(CLASSES);
  }

  @Test
  void nothingButTheLocalRunnerUsesTheStandIns() {
    noClasses().that(inAny(FUNCTIONS).or(inAny(ADAPTERS)).or(in("domain")).or(in("lambda-runtime")))
        .should().dependOnClassesThat(in("stand-ins").or(in("local")))
        .because("the local stand-ins never ship in a Lambda jar")
        .check(CLASSES);
  }
}
