package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.CannedResponse;
import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.standins.FreshTables;
import com.commercive.support.testkit.Races;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class DynamoDbCannedResponseStoreIT {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00.000Z");
  @AutoClose
  static final FreshTables db = FreshTables.create();
  @AutoClose
  static final Races races = new Races(20);
  final DynamoDbCannedResponseStore store = new DynamoDbCannedResponseStore(db.client(), db.names().cannedResponses());

  static CannedResponse response(String title, String shortcut) {
    return new CannedResponse(UUID.randomUUID().toString(), title, "Body of " + title, shortcut, T0, T0);
  }

  @Test
  void keepsListsReplacesAndDeletesWithShortcutsUnique() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    CannedResponse hello = response("Hello " + tag, "hello-" + tag);
    store.create(hello);
    assertThat(store.find(hello.cannedResponseId())).contains(hello);
    assertThatThrownBy(() -> store.create(response("Copy " + tag, "hello-" + tag))).isInstanceOf(ConflictException.class);
    assertThat(store.list()).filteredOn(r -> r.title().endsWith(tag)).containsExactly(hello);

    CannedResponse renamed = new CannedResponse(hello.cannedResponseId(), "Hi " + tag, "New body", "hi-" + tag, T0,
        T0.plusSeconds(60));
    store.replace(hello, renamed);
    assertThat(store.find(hello.cannedResponseId())).contains(renamed);
    store.create(response("Reuses the freed shortcut " + tag, "hello-" + tag));
    assertThatThrownBy(() -> store.create(response("Takes the new one " + tag, "hi-" + tag)))
        .isInstanceOf(ConflictException.class);

    store.delete(renamed);
    assertThat(store.find(renamed.cannedResponseId())).isEmpty();
    store.create(response("After the delete " + tag, "hi-" + tag));
    assertThatThrownBy(() -> store.replace(renamed, renamed)).isInstanceOf(NotFoundException.class);
    // The shortcut items are bookkeeping, never listed.
    assertThat(store.list()).filteredOn(r -> r.title().endsWith(tag)).extracting(CannedResponse::title)
        .containsExactly("After the delete " + tag, "Reuses the freed shortcut " + tag);
  }

  @Test
  void twentyAgentsSavingTheSameShortcutAtOnceLeaveOneResponseWithIt() throws Exception {
    String shortcut = "race-" + UUID.randomUUID().toString().substring(0, 8);
    List<Boolean> saved = races.race(20, () -> {
      try {
        store.create(response("Racer " + shortcut + " " + UUID.randomUUID(), shortcut));
        return true;
      } catch (ConflictException taken) {
        return false;
      }
    });
    assertThat(saved).containsOnlyOnce(true);
    assertThat(store.list()).filteredOn(r -> shortcut.equals(r.shortcut())).hasSize(1);
  }
}
