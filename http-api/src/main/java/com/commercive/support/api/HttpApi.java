package com.commercive.support.api;

import com.commercive.support.service.ReadMetrics;
import com.commercive.support.api.Router.Access;
import com.commercive.support.api.Router.Match;
import com.commercive.support.api.Router.Route;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.RateLimitedException;
import com.commercive.support.domain.SupportException;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.service.AgentService;
import com.commercive.support.service.AssistantService;
import com.commercive.support.service.AttachmentService;
import com.commercive.support.service.CannedResponseService;
import com.commercive.support.service.TicketUseCases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: the steps every request passes through, in one place (the route, CORS, body
 * limits, authentication, the JSON media type, idempotent replays, problem documents for every
 * refusal, the access log), over one resource class per kind of thing ({@link TicketRoutes},
 * {@link MessageRoutes}, ...). To add a route, add it to its resource's {@code routes()}; to add a
 * resource, list it in the factory of the function that serves it ({@link #tickets}, {@link #assistant}).
 */
public final class HttpApi {
  public static final int MAX_BODY_BYTES = 64 * 1024;
  static final String BASE = "/support";
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  private final Router router;
  private final IdempotencyService idempotency;
  private final JwtAuthenticator authenticator;
  private final CorsPolicy cors;
  private final ApiMetrics metrics;

  /**
   * The steps every request passes through whatever its routes: replays of a repeated
   * {@code Idempotency-Key}, the caller from the JWT, CORS, and the metrics counted.
   */
  public record Steps(IdempotencyService idempotency, JwtAuthenticator authenticator, CorsPolicy cors,
      ApiMetrics metrics) {}

  /** The help desk's routes: tickets, messages, the inbox, the team's tools, files and live updates. */
  public static HttpApi tickets(TicketUseCases tickets, CannedResponseService cannedResponses, AgentService agents,
      AttachmentService attachments, RealtimeService realtime, Optional<URI> realtimeUrl, ReadMetrics metrics,
      Steps steps) {
    return new HttpApi(List.of(
        new TicketRoutes(tickets, steps.metrics()),
        new MessageRoutes(tickets, cannedResponses, steps.metrics()),
        new AdminRoutes(tickets),
        new MetricsRoutes(metrics),
        new CannedResponseRoutes(cannedResponses),
        new AgentRoutes(agents),
        new AttachmentRoutes(attachments),
        new RealtimeRoutes(realtime, realtimeUrl)), steps);
  }

  /** The assistant's route, served by a function of its own (its jar holds the search index). */
  public static HttpApi assistant(AssistantService assistant, Steps steps) {
    return new HttpApi(List.of(new AssistantRoutes(assistant, steps.metrics())), steps);
  }

  /** {@code resources}' routes, with the service's own (health, the OpenAPI document). */
  HttpApi(List<Router.Resource> resources, Steps steps) {
    List<Router.Resource> all = new java.util.ArrayList<>(resources);
    all.add(0, new ServiceRoutes());
    this.router = new Router(all);
    this.idempotency = steps.idempotency();
    this.authenticator = steps.authenticator();
    this.cors = steps.cors();
    this.metrics = steps.metrics();
  }

  /** Every route served, for the contract test against the OpenAPI document. */
  List<Route> routes() {
    return router.routes();
  }

  public HttpResponse handle(HttpRequest request) {
    long started = System.nanoTime();
    String origin = request.header("origin").orElse(null);
    HttpResponse response;
    String route = "unmatched";
    String ticketId = null;
    try {
      String path = request.path();
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      if (!path.equals(BASE) && !path.startsWith(BASE + "/")) {
        throw HttpRefusal.notFound();
      }
      if (request.method().equals("OPTIONS")) {
        route = "preflight";
        response = new HttpResponse(204, cors.preflightHeaders(origin), "");
      } else {
        Match match = router.match(request.method(), path.substring(BASE.length()));
        route = match.route().pattern();
        ticketId = match.parameters().get("ticket_id");
        response = serve(match, request);
      }
    } catch (RuntimeException failure) {
      response = failureResponse(failure, request);
    }
    response = response.withHeaders(cors.headers(origin)).withHeaders(commonHeaders());
    LOG.atInfo()
        .addKeyValue("method", request.method())
        .addKeyValue("route", route)
        .addKeyValue("status", response.status())
        .addKeyValue("ticket_id", ticketId)
        .addKeyValue("request_id", request.requestId())
        .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000.0)
        .log("request handled");
    return response;
  }

  /** The steps of a matched request: body size, caller, media type, then the route (replayed or not). */
  private HttpResponse serve(Match match, HttpRequest request) {
    Route route = match.route();
    Caller caller = null;
    if (route.access() == Access.CALLER) {
      if (request.body() != null && request.body().length > MAX_BODY_BYTES) {
        throw HttpRefusal.bodyTooLarge(MAX_BODY_BYTES);
      }
      caller = authenticator.authenticate(request.header("authorization"));
      if (request.body() != null && request.body().length > 0 && !isJson(request.header("content-type"))) {
        throw HttpRefusal.unsupportedMediaType();
      }
    }
    RouteRequest routed = new RouteRequest(request, caller, match.parameters());
    return route.replayable() ? idempotent(caller, request, route, routed) : route.handler().handle(routed);
  }

  /** Runs a creating route under the request's Idempotency-Key, when it has one. */
  private HttpResponse idempotent(Caller caller, HttpRequest request, Route route, RouteRequest routed) {
    Optional<String> key = request.header(IdempotencyService.HEADER);
    if (key.isEmpty()) {
      return route.handler().handle(routed);
    }
    String fingerprint = request.method() + ' ' + request.path() + '\n'
        + new String(request.body() == null ? new byte[0] : request.body(), StandardCharsets.UTF_8);
    IdempotencyService.Outcome outcome = idempotency.execute(IdempotencyService.scopeOf(caller), key.get(), fingerprint,
        () -> {
          HttpResponse response = route.handler().handle(routed);
          return new IdempotencyService.StoredResponse(response.status(), response.headers().get("Location"),
              response.headers().get("ETag"), response.body());
        });
    IdempotencyService.StoredResponse stored = outcome.response();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", HttpResponse.JSON_TYPE);
    if (stored.location() != null) {
      headers.put("Location", stored.location());
    }
    if (stored.etag() != null) {
      headers.put("ETag", stored.etag());
    }
    if (outcome.replayed()) {
      headers.put("Idempotent-Replayed", "true");
    }
    return new HttpResponse(stored.status(), headers, stored.body());
  }

  /** Every refusal carries its status and slug; anything else is a fault, logged and answered 500. */
  private HttpResponse failureResponse(RuntimeException failure, HttpRequest request) {
    String requestId = request.requestId();
    HttpResponse response;
    String kind;
    if (failure instanceof SupportException refusal) {
      kind = refusal.kind().slug();
      Map<String, String> headers = Map.of();
      if (refusal instanceof RateLimitedException limited) {
        long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
        headers = Map.of("Retry-After", Long.toString(seconds));
      }
      response = Problems.problem(refusal.kind().status(), kind, refusal.detail(), requestId,
          refusal.errors().isEmpty() ? null : refusal.errors(), headers);
    } else if (failure instanceof HttpRefusal refusal) {
      kind = refusal.slug;
      response = Problems.problem(refusal.status, kind, refusal.getMessage(), requestId, null, refusal.headers);
    } else {
      kind = "internal-error";
      LOG.atError()
          .addKeyValue("request_id", requestId)
          .addKeyValue("error_type", failure.getClass().getName())
          .setCause(failure)
          .log("request failed");
      response = Problems.problem(500, kind,
          "An unexpected error occurred. Quote request id " + requestId + " to support.", requestId);
    }
    metrics.error(kind, response.status());
    return response;
  }

  /** {@code application/json} or a {@code +json} type, with any parameters ({@code charset=utf-8}). */
  static boolean isJson(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return false;
    }
    String type = contentType.get().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private static Map<String, String> commonHeaders() {
    return Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");
  }
}
