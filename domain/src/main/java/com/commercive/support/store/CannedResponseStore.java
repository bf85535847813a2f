package com.commercive.support.store;

import com.commercive.support.domain.CannedResponse;
import java.util.List;
import java.util.Optional;

/** The team's canned responses; shortcuts are unique. */
public interface CannedResponseStore {
  /**
   * Stores a new response.
   *
   * @throws com.commercive.support.domain.ConflictException its shortcut is taken
   */
  void create(CannedResponse response);

  /**
   * Replaces {@code previous} with {@code next} (same id), moving the shortcut when it changed.
   *
   * @throws com.commercive.support.domain.ConflictException the new shortcut is taken
   * @throws com.commercive.support.domain.NotFoundException the response is gone
   */
  void replace(CannedResponse previous, CannedResponse next);

  /** Deletes it and frees its shortcut; nothing when it is already gone. */
  void delete(CannedResponse response);

  Optional<CannedResponse> find(String cannedResponseId);

  /** Every response, by title. */
  List<CannedResponse> list();
}
