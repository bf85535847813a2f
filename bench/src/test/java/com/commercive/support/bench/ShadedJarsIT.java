package com.commercive.support.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shading drops parts of libraries the functions never use (the SDK's asynchronous clients,
 * languages Lucene is not asked to analyse). A class dropped while something still refers to it
 * would fail only on the path that reaches it, so this reads every class's references with
 * {@code jdeps} and fails on any reference to a class that is missing from a package the jar
 * does ship: the mark of a filter that cut through a package too eagerly. Packages absent as a
 * whole (optional integrations such as the CRT, servlets or other Lucene languages) are the
 * libraries' own optional dependencies and are left alone; {@link LambdaJarsIT} runs the jars.
 */
class ShadedJarsIT {
  static final Path FUNCTIONS = Path.of(System.getProperty("functions.dir", ".."));
  static final String VERSION = System.getProperty("project.version", "1.0.0-SNAPSHOT");
  /** {@code   from.Class   ->  to.Class   not found}, as jdeps prints a missing dependency. */
  static final Pattern MISSING = Pattern.compile("^\\s*(\\S+)\\s+->\\s+(\\S+)\\s+not found\\s*$");

  @ParameterizedTest
  @ValueSource(strings = {"api-handler", "ai-response", "stream-processor", "ai-worker", "notifier",
      "attachment-checker", "live-updates"})
  void noClassInTheJarRefersToOneTheShadingDroppedFromAShippedPackage(String module) throws IOException {
    Path jar = FUNCTIONS.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-lambda.jar");
    Set<String> shippedPackages = packagesIn(jar);
    assertThat(shippedPackages).contains("software.amazon.awssdk.services.dynamodb");

    List<String> dangling = new ArrayList<>();
    for (String line : missingDependencies(jar)) {
      Matcher missing = MISSING.matcher(line);
      if (missing.matches() && shippedPackages.contains(packageOf(missing.group(2)))
          && !missing.group(2).startsWith("java.")) {
        dangling.add(missing.group(1) + " -> " + missing.group(2));
      }
    }

    assertThat(dangling).as("references to classes the shading dropped from %s", jar.getFileName()).isEmpty();
  }

  /** Lambda runs the functions on Linux arm64: no other platform's native library rides along. */
  @ParameterizedTest
  @ValueSource(strings = {"api-handler", "ai-response", "stream-processor", "ai-worker", "notifier",
      "attachment-checker", "live-updates"})
  void carriesOnlyLinuxArm64NativeLibraries(String module) throws IOException {
    Path jar = FUNCTIONS.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-lambda.jar");
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> natives = zip.stream().map(e -> e.getName())
          .filter(name -> name.matches(".*\\.(so|dylib|dll|jnilib)(\\.[0-9.]+)?$")).toList();
      assertThat(natives).allMatch(name -> name.contains("linux-aarch64/"), "under a linux-aarch64 folder");
      if (module.equals("ai-response") || module.equals("ai-worker")) {
        // The assistant's embedding model needs ONNX Runtime and the tokenizer for arm64.
        assertThat(natives).anyMatch(name -> name.endsWith("libonnxruntime.so"))
            .anyMatch(name -> name.endsWith("libtokenizers.so"));
      } else {
        // The ticket routes (and the rest) start without the assistant's model or runtime.
        assertThat(natives).isEmpty();
      }
    }
  }

  /**
   * A function carries its own code and what it shares, never another function's, the local
   * set-up, DynamoDB Local or the test fixtures.
   */
  @ParameterizedTest
  @ValueSource(strings = {"api-handler", "ai-response", "stream-processor", "ai-worker", "notifier",
      "attachment-checker", "live-updates"})
  void carriesNoLocalSetUpAndNoOtherFunctionsCode(String module) throws IOException {
    Path jar = FUNCTIONS.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-lambda.jar");
    // com.commercive.support.api is the HTTP layer both HTTP functions share (http-api).
    Set<String> functionPackages = Set.of("com.commercive.support.airesponse", "com.commercive.support.streamprocessor",
        "com.commercive.support.aiworker", "com.commercive.support.notifier",
        "com.commercive.support.attachmentchecker", "com.commercive.support.liveupdates");
    String own = Map.of("api-handler", "com.commercive.support.api", "ai-response", "com.commercive.support.airesponse",
        "stream-processor",
        "com.commercive.support.streamprocessor", "ai-worker", "com.commercive.support.aiworker",
        "notifier", "com.commercive.support.notifier",
        "attachment-checker", "com.commercive.support.attachmentchecker",
        "live-updates", "com.commercive.support.liveupdates").get(module);
    Set<String> packages = packagesIn(jar);
    assertThat(packages).contains(own, "com.commercive.support.domain", "com.commercive.support.config")
        .doesNotContain("com.commercive.support.standins", "com.commercive.support.local",
            "com.commercive.support.fakes", "com.commercive.support.testkit", "com.amazonaws.services.dynamodbv2.local.main")
        .noneMatch(p -> functionPackages.contains(p) && !p.equals(own));
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      boolean ticketFunction = zip.getEntry("com/commercive/support/api/ApiHandler.class") != null;
      assertThat(ticketFunction).as("the ticket routes' handler in %s", module).isEqualTo(module.equals("api-handler"));
      if (module.equals("api-handler")) {
        assertThat(packages).noneMatch(p -> p.startsWith("org.apache.lucene") || p.startsWith("ai.onnxruntime")
            || p.startsWith("com.commercive.support.assistant.kb"));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void recognisesADanglingReferenceInJdepsOutput() {
    Matcher missing = MISSING.matcher(
        "   software.amazon.awssdk.services.dynamodb.Foo        -> software.amazon.awssdk.services.dynamodb.Bar   not found");
    assertThat(missing.matches()).isTrue();
    assertThat(packageOf(missing.group(2))).isEqualTo("software.amazon.awssdk.services.dynamodb");
  }

  static List<String> missingDependencies(Path jar) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--missing-deps", "--multi-release", "17",
        jar.toString());
    assertThat(status).as("jdeps failed: %s", err).isZero();
    return out.toString().lines().toList();
  }

  static Set<String> packagesIn(Path jar) throws IOException {
    assertThat(Files.exists(jar)).as("%s is built by the package phase", jar).isTrue();
    Set<String> packages = new TreeSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.stream().map(e -> e.getName())
          .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/"))
          .forEach(name -> packages.add(packageOf(name.substring(0, name.length() - ".class".length()).replace('/', '.'))));
    }
    return packages;
  }

  static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }
}
