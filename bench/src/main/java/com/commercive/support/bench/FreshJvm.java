package com.commercive.support.bench;

import static com.commercive.support.resources.EnvironmentVariables.ADMIN_NOTIFICATION_EMAILS;
import static com.commercive.support.resources.EnvironmentVariables.AI_BURST_SETTLE_MS;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ACCESS_KEY_ID;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_DYNAMODB;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_S3;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_SES;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_SQS;
import static com.commercive.support.resources.EnvironmentVariables.AWS_REGION;
import static com.commercive.support.resources.EnvironmentVariables.AWS_SECRET_ACCESS_KEY;
import static com.commercive.support.resources.EnvironmentVariables.JWT_SECRET;
import static com.commercive.support.resources.EnvironmentVariables.REALTIME_ENDPOINT;
import static com.commercive.support.resources.EnvironmentVariables.REALTIME_URL;

import com.commercive.support.local.LocalSystem;
import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.EnvironmentVariables;
import com.commercive.support.resources.QueueEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts a new JVM, as Lambda does for a cold start, and collects what it reports. */
final class FreshJvm {
  private FreshJvm() {}

  /**
   * Class path entries that give a Lambda jar this machine's native libraries for the assistant's
   * embedding model (ONNX Runtime, the tokenizer, JNA): the jars carry Lambda's Linux arm64 ones
   * only. They go after the jar, so the jar's own classes still win.
   */
  static String hostNativeLibraries() throws Exception {
    return String.join(java.io.File.pathSeparator, locationOf(ai.onnxruntime.OrtEnvironment.class),
        locationOf(ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.class), locationOf(com.sun.jna.Native.class));
  }

  static String locationOf(Class<?> type) throws Exception {
    return java.nio.file.Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /**
   * Runs {@code command} with {@code env} added to the environment and returns the lines that
   * start with {@code prefix}, without it.
   *
   * @throws IllegalStateException with the whole output when the JVM fails or reports nothing
   */
  static List<String> run(List<String> command, Map<String, String> env, String prefix) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    List<String> reported = new ArrayList<>();
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        output.append(line).append('\n');
        if (line.startsWith(prefix)) {
          reported.add(line.substring(prefix.length()));
        }
      }
    }
    if (process.waitFor() != 0 || reported.isEmpty()) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
    return reported;
  }

  /** The environment a function gets on Lambda, pointed at the local system's stand-ins. */
  static Map<String, String> functionEnvironment(LocalSystem system) {
    Map<String, String> env = new HashMap<>();
    env.put(AWS_REGION, "us-east-1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put(AWS_ACCESS_KEY_ID, "local");
    env.put(AWS_SECRET_ACCESS_KEY, "local");
    env.put(JWT_SECRET, LocalSystem.LOCAL_JWT_SECRET);
    env.put(AWS_ENDPOINT_URL_DYNAMODB, system.dynamoDbEndpoint().toString());
    env.put(AWS_ENDPOINT_URL_SQS, system.sqsEndpoint().toString());
    env.put(AWS_ENDPOINT_URL_SES, system.sesEndpoint().toString());
    env.put(AWS_ENDPOINT_URL_S3, system.s3Endpoint().toString());
    // Builds from before the notifier moved to the classic SES API read this one.
    env.put("AWS_ENDPOINT_URL_SESV2", system.sesEndpoint().toString());
    for (QueueEntry queue : Catalogue.QUEUES) {
      queue.urlVariable().ifPresent(variable -> env.put(variable, system.queues().url(queue.spec())));
    }
    env.put(ADMIN_NOTIFICATION_EMAILS, "alex@example.com");
    system.config().email().replyAddresses().ifPresent(replies -> {
      env.put(EnvironmentVariables.INBOUND_EMAIL_DOMAIN, replies.domain());
      env.put(EnvironmentVariables.REPLY_ADDRESS_SECRET, LocalSystem.LOCAL_REPLY_ADDRESS_SECRET);
    });
    env.put(AI_BURST_SETTLE_MS, "0");
    system.config().realtime().clientUrl().ifPresent(url -> env.put(REALTIME_URL, url.toString()));
    system.config().realtime().managementEndpoint().ifPresent(url -> env.put(REALTIME_ENDPOINT, url.toString()));
    return env;
  }
}
