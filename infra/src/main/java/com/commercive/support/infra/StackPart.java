package com.commercive.support.infra;

import software.constructs.Construct;

/**
 * A construct that groups a part of {@link SupportStack} (its data, messaging, functions, APIs,
 * alarms, one queue with its dead-letter queue) without entering its resources' logical ids: the
 * stack gives each resource the id it would have standing directly in the stack, as it did when
 * the stack was one construct. A deployed stack so updates in place; new ids would make CloudFormation
 * create the tables and queues again under the names the retained ones still hold.
 */
abstract class StackPart extends Construct {
  StackPart(Construct scope, String id) {
    super(scope, id);
  }
}
