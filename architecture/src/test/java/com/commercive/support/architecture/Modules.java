package com.commercive.support.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The project's modules as ArchUnit sees them: every module's compiled main classes (its
 * {@code target/classes}, built earlier in the reactor), each class known by the module it was
 * compiled in, whatever its package (several modules share package names).
 */
final class Modules {
  static final List<String> FUNCTIONS = List.of(
      "api-handler", "ai-response", "stream-processor", "ai-worker", "notifier", "attachment-checker", "live-updates",
      "inbound-email");
  /** What functions share: they may use these, these never use a function. */
  static final List<String> SHARED = List.of("domain", "resources", "wire", "lambda-runtime", "http-api", "assistant");
  static final List<String> ADAPTERS = List.of("dynamodb", "sqs", "ses", "s3", "apigateway");
  static final List<String> ALL = List.of("domain", "resources", "wire", "lambda-runtime", "dynamodb", "sqs", "ses", "s3",
      "apigateway", "stand-ins", "assistant", "http-api", "stream-processor", "ai-worker", "notifier",
      "attachment-checker", "live-updates", "inbound-email", "api-handler", "ai-response", "local", "infra");

  private Modules() {}

  static final JavaClasses CLASSES = importAll();

  private static JavaClasses importAll() {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path[] directories = ALL.stream().map(m -> root.resolve(m).resolve("target/classes")).toArray(Path[]::new);
    for (Path directory : directories) {
      if (!Files.isDirectory(directory)) {
        throw new IllegalStateException(directory + " is missing: build the modules first (mvn verify from the root)");
      }
    }
    return new ClassFileImporter().importPaths(Arrays.asList(directories));
  }

  /** Classes compiled in {@code module}. */
  static DescribedPredicate<JavaClass> in(String module) {
    String marker = "/" + module + "/target/classes/";
    return DescribedPredicate.describe("in module " + module,
        c -> c.getSource().map(s -> s.getUri().toString().contains(marker)).orElse(false));
  }

  /** Classes compiled in any of {@code modules}. */
  static DescribedPredicate<JavaClass> inAny(List<String> modules) {
    return DescribedPredicate.describe("in any of " + modules,
        c -> modules.stream().anyMatch(m -> in(m).test(c)));
  }

  /** The JDK's own classes. */
  static DescribedPredicate<JavaClass> jdk() {
    return DescribedPredicate.describe("in the JDK", c -> inJdk(c)
        || (c.isArray() && (inJdk(c.getBaseComponentType()) || c.getBaseComponentType().getSource().isPresent())));
  }

  private static boolean inJdk(JavaClass c) {
    return c.isPrimitive() || c.getPackageName().startsWith("java.") || c.getPackageName().startsWith("javax.");
  }
}
