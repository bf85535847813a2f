package com.commercive.support.api;

import com.commercive.support.api.Router.Route;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.util.Timestamps;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Live updates: a single-use token to open the WebSocket with (never the long-lived JWT in a URL). */
final class RealtimeRoutes implements Router.Resource {
  private final RealtimeService realtime;
  private final Optional<URI> url;

  RealtimeRoutes(RealtimeService realtime, Optional<URI> url) {
    this.realtime = realtime;
    this.url = url;
  }

  record TokenJson(String token, String url, String expiresAt) {}

  @Override
  public List<Route> routes() {
    return List.of(Route.creating("POST", "/realtime/token", this::token));
  }

  private HttpResponse token(RouteRequest request) {
    RequestBodies.noFields(request.body());
    if (url.isEmpty()) {
      throw new HttpRefusal(503, "live-updates-unavailable", "live updates are not enabled on this deployment",
          Map.of());
    }
    RealtimeService.IssuedToken issued = realtime.issueToken(request.caller());
    return HttpResponse.json(201, new TokenJson(issued.token(), url.get().toString(),
        Timestamps.format(issued.expiresAt())));
  }
}
