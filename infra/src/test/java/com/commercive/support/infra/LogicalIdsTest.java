package com.commercive.support.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;
import software.constructs.IConstruct;

class LogicalIdsTest {
  @Test
  void givesTheIdsCdkGivesForTheSamePaths() {
    App app = new App();
    Stack stack = new Stack(app, "Ids");
    Construct group = new Construct(stack, "Group");
    new Queue(group, "AiJobs");
    new Queue(new Construct(group, "Default"), "Nested-Queue");
    new Queue(stack, "ApiLive");
    new Construct(new Construct(stack, "Repeated"), "Repeated");
    List<Map.Entry<List<String>, String>> checked = new ArrayList<>();
    collect(stack, List.of("Ids"), checked);
    assertThat(checked).hasSizeGreaterThan(8);
    for (Map.Entry<List<String>, String> path : checked) {
      assertThat(LogicalIds.of(path.getKey())).as(String.join("/", path.getKey())).isEqualTo(path.getValue());
    }
    assertThat(LogicalIds.of(List.of("Tickets"))).isEqualTo("Tickets");
  }

  /** Every construct's path from the stack and CDK's unique id for it (the same scheme as logical ids). */
  private static void collect(IConstruct scope, List<String> path, List<Map.Entry<List<String>, String>> into) {
    for (IConstruct child : scope.getNode().getChildren()) {
      List<String> childPath = new ArrayList<>(path);
      childPath.add(child.getNode().getId());
      into.add(Map.entry(childPath, Names.nodeUniqueId(child.getNode())));
      collect(child, childPath, into);
    }
  }
}
