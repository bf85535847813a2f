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

  @Override
  public synchronized boolean push(String connectionId, LiveEvent event) {
    if (gone.contains(connectionId)) {
      return false;
    }
    sent.add(new Sent(connectionId, event));
    return true;
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
