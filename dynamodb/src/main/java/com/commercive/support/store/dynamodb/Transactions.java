package com.commercive.support.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** What a cancelled transaction says about each of its items, in the order they were written. */
final class Transactions {
  private Transactions() {}

  /** Whether the item at {@code index} was refused by its condition (not by a conflict or a limit). */
  static boolean failedCondition(TransactionCanceledException e, int index) {
    return e.hasCancellationReasons()
        && e.cancellationReasons().size() > index
        && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
  }
}
