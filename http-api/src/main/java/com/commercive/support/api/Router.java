package com.commercive.support.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the route for a method and a path under {@code /support}. A pattern's {@code {name}}
 * segment matches any non-empty segment and is handed to the route as a path parameter; where two
 * patterns match, the one with more literal segments wins ({@code /tickets/export} before
 * {@code /tickets/{ticket_id}}).
 */
final class Router {
  /** Who may call a route: anyone (health, the contract) or an authenticated caller. */
  enum Access { PUBLIC, CALLER }

  /** What a route does with a matched request. */
  interface Handler {
    HttpResponse handle(RouteRequest request);
  }

  /**
   * A route: its method and path pattern, who may call it, whether its effect is replayed for a
   * repeated {@code Idempotency-Key} (the routes that create something), and its handler.
   */
  record Route(String method, String pattern, Access access, boolean replayable, Handler handler) {
    static Route get(String pattern, Handler handler) {
      return new Route("GET", pattern, Access.CALLER, false, handler);
    }

    static Route creating(String method, String pattern, Handler handler) {
      return new Route(method, pattern, Access.CALLER, true, handler);
    }

    /** A change that is not a creation: repeating it is harmless, so it is not replayed. */
    static Route changing(String method, String pattern, Handler handler) {
      return new Route(method, pattern, Access.CALLER, false, handler);
    }

    static Route open(String pattern, Handler handler) {
      return new Route("GET", pattern, Access.PUBLIC, false, handler);
    }

    String[] segments() {
      return pattern.substring(1).split("/");
    }

    /** The path parameters when {@code path} matches this route's pattern. */
    Optional<Map<String, String>> match(String[] path) {
      String[] segments = segments();
      if (path.length != segments.length) {
        return Optional.empty();
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      for (int i = 0; i < path.length; i++) {
        if (segments[i].startsWith("{")) {
          if (path[i].isEmpty()) {
            return Optional.empty();
          }
          parameters.put(segments[i].substring(1, segments[i].length() - 1), path[i]);
        } else if (!segments[i].equals(path[i])) {
          return Optional.empty();
        }
      }
      return Optional.of(parameters);
    }

    long literalSegments() {
      return java.util.Arrays.stream(segments()).filter(s -> !s.startsWith("{")).count();
    }
  }

  /** A route and the path parameters the request gave it. */
  record Match(Route route, Map<String, String> parameters) {}

  /** Something that serves a resource's routes (tickets, messages, the assistant, ...). */
  interface Resource {
    List<Route> routes();
  }

  private final List<Route> routes;

  Router(List<Resource> resources) {
    List<Route> all = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Resource resource : resources) {
      for (Route route : resource.routes()) {
        if (!seen.add(route.method() + " " + route.pattern())) {
          throw new IllegalArgumentException("two routes for " + route.method() + " " + route.pattern());
        }
        all.add(route);
      }
    }
    all.sort(Comparator.comparingLong(Route::literalSegments).reversed());
    this.routes = List.copyOf(all);
  }

  List<Route> routes() {
    return routes;
  }

  /**
   * The route for {@code method} and {@code path} (relative to {@code /support}, no trailing slash).
   *
   * @throws HttpRefusal 404 when no pattern matches, 405 with {@code Allow} when only other methods do
   */
  Match match(String method, String path) {
    String[] segments = path.replaceFirst("^/", "").split("/", -1);
    Set<String> allowed = new LinkedHashSet<>();
    String matchedPattern = null;
    for (Route route : routes) {
      if (matchedPattern != null && !route.pattern().equals(matchedPattern)) {
        continue;
      }
      Optional<Map<String, String>> parameters = route.match(segments);
      if (parameters.isEmpty()) {
        continue;
      }
      if (route.method().equals(method)) {
        return new Match(route, parameters.get());
      }
      matchedPattern = route.pattern();
      allowed.add(route.method());
    }
    if (allowed.isEmpty()) {
      throw HttpRefusal.notFound();
    }
    allowed.add("OPTIONS");
    throw HttpRefusal.methodNotAllowed(method, String.join(", ", allowed));
  }
}
