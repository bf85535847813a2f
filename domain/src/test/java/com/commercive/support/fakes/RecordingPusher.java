package com.commercive.support.fakes;

import com.commercive.support.realtime.LiveEvent;
import com.commercive.support.store.ConnectionPusher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Keeps what each connection was sent; connections marked gone answer as a closed socket does. */
public final class RecordingPusher implements ConnectionPusher {
  public record Sent(String connectionId, LiveEvent event) {}

  private final List<Sent> sent = new ArrayList<>();
  private final Set<String> gone = new HashSet<>();
  private final Set<String> failing = new HashSet<>();

  @Override
  public synchronized Result push(String connectionId, LiveEvent event) {
    if (gone.contains(connectionId)) {
      return Result.GONE;
    }
    if (failing.contains(connectionId)) {
      return Result.FAILED;
    }
    sent.add(new Sent(connectionId, event));
    return Result.DELIVERED;
  }

  /** From now on, pushes to the connection fail (as when throttled) without it being gone. */
  public synchronized void failing(String connectionId) {
    failing.add(connectionId);
  }

  public synchronized void gone(String connectionId) {
    gone.add(connectionId);
  }

  public synchronized List<LiveEvent> to(String connectionId) {
    return sent.stream().filter(s -> s.connectionId().equals(connectionId)).map(Sent::event).toList();
  }

  public synchronized List<Sent> all() {
    return List.copyOf(sent);
  }
}
