package com.commercive.support.fakes;

import com.commercive.support.domain.CannedResponse;
import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.store.CannedResponseStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Canned responses in memory, shortcuts unique as in the real store. */
public final class InMemoryCannedResponseStore implements CannedResponseStore {
  private final Map<String, CannedResponse> responses = new LinkedHashMap<>();

  @Override
  public synchronized void create(CannedResponse response) {
    checkShortcut(response, null);
    responses.put(response.cannedResponseId(), response);
  }

  @Override
  public synchronized void replace(CannedResponse previous, CannedResponse next) {
    if (!responses.containsKey(previous.cannedResponseId())) {
      throw new NotFoundException("canned response not found");
    }
    checkShortcut(next, previous.cannedResponseId());
    responses.put(next.cannedResponseId(), next);
  }

  @Override
  public synchronized void delete(CannedResponse response) {
    responses.remove(response.cannedResponseId());
  }

  @Override
  public synchronized Optional<CannedResponse> find(String cannedResponseId) {
    return Optional.ofNullable(responses.get(cannedResponseId));
  }

  @Override
  public synchronized List<CannedResponse> list() {
    return responses.values().stream().sorted(Comparator.comparing(CannedResponse::title)).toList();
  }

  private void checkShortcut(CannedResponse response, String except) {
    if (response.shortcut() != null && responses.values().stream().anyMatch(r ->
        Objects.equals(r.shortcut(), response.shortcut()) && !r.cannedResponseId().equals(except))) {
      throw new ConflictException("the shortcut " + response.shortcut() + " is taken");
    }
  }
}
