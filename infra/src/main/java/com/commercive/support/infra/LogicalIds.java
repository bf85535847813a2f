package com.commercive.support.infra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.CfnVersion;
import software.constructs.IConstruct;

/**
 * CDK's logical id of a path of construct ids (aws-cdk-lib's {@code makeUniqueId}): a lone
 * component as it is, otherwise the components run together and an MD5 hash of the path, with
 * {@code Default} left out and {@code Resource} hidden from the readable part (LogicalIdsTest
 * compares it with CDK's); and the flattening of {@link StackPart}s out of a stack's ids.
 */
final class LogicalIds {
  private static final String HIDDEN = "Default";
  private static final String HIDDEN_FROM_HUMANS = "Resource";
  private static final int MAX_HUMAN_LENGTH = 240;
  private static final int MAX_LENGTH = 255;

  private LogicalIds() {}

  static String of(List<String> path) {
    List<String> components = path.stream().filter(c -> !c.equals(HIDDEN)).toList();
    if (components.isEmpty()) {
      throw new IllegalArgumentException("no logical id for an empty path");
    }
    if (components.size() == 1) {
      String candidate = alphanumeric(components.get(0));
      if (candidate.length() <= MAX_LENGTH) {
        return candidate;
      }
    }
    StringBuilder human = new StringBuilder();
    for (String component : withoutRepeats(components)) {
      if (!component.equals(HIDDEN_FROM_HUMANS)) {
        human.append(alphanumeric(component));
      }
    }
    String readable = human.length() > MAX_HUMAN_LENGTH ? human.substring(0, MAX_HUMAN_LENGTH) : human.toString();
    return readable + md5(String.join("/", components)).substring(0, 8).toUpperCase(Locale.ROOT);
  }

  /**
   * Gives every resource inside a {@link StackPart} of {@code stack} (a stack directly in its app)
   * the logical id it would have standing directly in the stack: its path without the parts. CDK
   * also names a few constructs after another's unique id (an event source mapping after its table
   * or queue): those ids are flattened alike. Lambda versions keep the ids CDK makes for them
   * (which change with the function's code on every build anyway). Overriding the stack's
   * {@code allocateLogicalId} instead would call back from CDK into Java for every reference to a
   * resource, and those callbacks nest deeper than a JVM thread's stack allows.
   */
  static void flatten(Stack stack) {
    Map<String, String> flatUniqueIds = new HashMap<>();
    List<Map.Entry<CfnElement, List<String>>> elements = new ArrayList<>();
    collect(stack, List.of(stack.getNode().getId()), List.of(), false, flatUniqueIds, elements);
    for (Map.Entry<CfnElement, List<String>> element : elements) {
      List<String> path = new ArrayList<>();
      for (String id : element.getValue()) {
        for (Map.Entry<String, String> unique : flatUniqueIds.entrySet()) {
          id = id.replace(unique.getKey(), unique.getValue());
        }
        path.add(id);
      }
      element.getKey().overrideLogicalId(of(path));
    }
  }

  /**
   * Walks {@code scope}'s children with their paths: {@code fullPath} from the stack's id down as
   * CDK sees it, {@code flatPath} below the stack without the parts.
   */
  private static void collect(IConstruct scope, List<String> fullPath, List<String> flatPath, boolean inPart,
      Map<String, String> flatUniqueIds, List<Map.Entry<CfnElement, List<String>>> elements) {
    for (IConstruct child : scope.getNode().getChildren()) {
      String id = child.getNode().getId();
      List<String> childFullPath = new ArrayList<>(fullPath);
      childFullPath.add(id);
      List<String> childFlatPath = flatPath;
      boolean part = child instanceof StackPart;
      if (!part) {
        childFlatPath = new ArrayList<>(flatPath);
        childFlatPath.add(id);
      }
      if (inPart && !part) {
        List<String> flatFromStack = new ArrayList<>(fullPath.subList(0, 1));
        flatFromStack.addAll(childFlatPath);
        flatUniqueIds.put(of(childFullPath), of(flatFromStack));
        if (child instanceof CfnElement element && !(child instanceof CfnVersion)) {
          elements.add(Map.entry(element, childFlatPath));
        }
      }
      collect(child, childFullPath, childFlatPath, inPart || part, flatUniqueIds, elements);
    }
  }

  /** A component the one before it ends with adds nothing readable ("ApiLive/Live" reads "ApiLive"). */
  private static List<String> withoutRepeats(List<String> components) {
    List<String> kept = new ArrayList<>();
    for (String component : components) {
      if (kept.isEmpty() || !kept.get(kept.size() - 1).endsWith(component)) {
        kept.add(component);
      }
    }
    return kept;
  }

  private static String alphanumeric(String s) {
    return s.replaceAll("[^A-Za-z0-9]", "");
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }
}
