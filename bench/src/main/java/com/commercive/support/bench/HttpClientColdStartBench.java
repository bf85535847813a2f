package com.commercive.support.bench;

import static com.commercive.support.resources.EnvironmentVariables.AUTO_REPLY_ENABLED;

import com.commercive.support.local.LocalSystem;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SDK's HTTP clients compared at cold start: for each, fresh JVMs (as the functions run them,
 * C1 only) build a DynamoDB client and make one GetItem against DynamoDB Local. Prints median
 * times over {@value #RUNS} runs and the classes loaded. Run from {@code bench/} with {@code mvn
 * -q exec:java -Dexec.mainClass=com.commercive.support.bench.HttpClientColdStartBench}.
 */
public final class HttpClientColdStartBench {
  static final int RUNS = 9;

  public static void main(String[] args) throws Exception {
    Path functions = Path.of(System.getProperty("functions.dir", ".."));
    String version = System.getProperty("project.version", "1.0.0-SNAPSHOT");
    // The API's shaded jar brings the SDK as the functions ship it; the other clients come from
    // the local repository.
    List<String> classPath = new ArrayList<>(List.of(
        functions.resolve("api-handler/target/api-handler-" + version + "-lambda.jar").toString(),
        location(HttpClientProbe.class)));
    for (String type : List.of("software.amazon.awssdk.http.apache.ApacheHttpClient",
        "org.apache.http.impl.client.CloseableHttpClient", "org.apache.http.HttpRequest",
        "org.apache.commons.logging.Log", "org.apache.commons.codec.binary.Base64",
        "software.amazon.awssdk.http.crt.AwsCrtHttpClient", "software.amazon.awssdk.crtcore.CrtProxyConfiguration",
        "software.amazon.awssdk.crt.CRT")) {
      classPath.add(location(Class.forName(type)));
    }
    try (LocalSystem system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of(AUTO_REPLY_ENABLED, "false",
        "SES_STANDIN_DIR", functions.resolve("local").resolve("ses-standin").toString(),
        "S3_STANDIN_DIR", functions.resolve("local").resolve("s3-standin").toString())))) {
      System.out.println("| HTTP client | client built ms (median) | first response ms (median) | classes loaded |");
      System.out.println("|---|---|---|---|");
      List<String> clients = List.of("url-connection", "apache", "crt");
      Map<String, List<Long>> built = new java.util.LinkedHashMap<>();
      Map<String, List<Long>> first = new java.util.LinkedHashMap<>();
      Map<String, Long> classes = new java.util.HashMap<>();
      // Each run measures every client in turn, so that the machine's drift weighs on all alike.
      for (int run = 0; run < RUNS; run++) {
        for (String client : clients) {
          String result = FreshJvm.run(List.of("java", "-XX:TieredStopAtLevel=1", "-cp",
              String.join(File.pathSeparator, classPath), HttpClientProbe.class.getName(), client,
              system.dynamoDbEndpoint().toString(), system.config().tables().users()),
              Map.of("AWS_EC2_METADATA_DISABLED", "true"), "HTTPCLIENT ").get(0);
          built.computeIfAbsent(client, c -> new ArrayList<>()).add(ColdStartBench.value(result, "built_ms"));
          first.computeIfAbsent(client, c -> new ArrayList<>()).add(ColdStartBench.value(result, "first_response_ms"));
          classes.put(client, ColdStartBench.value(result, "classes"));
        }
      }
      for (String client : clients) {
        System.out.printf("| %s | %d | %d | %d |%n", client, ColdStartBench.median(built.get(client)),
            ColdStartBench.median(first.get(client)), classes.get(client));
      }
    }
    System.exit(0);
  }

  static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
