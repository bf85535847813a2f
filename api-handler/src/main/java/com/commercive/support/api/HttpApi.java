package com.commercive.support.api;

import com.commercive.support.api.JwtAuthenticator.UnauthenticatedException;
import com.commercive.support.api.Representations.ConversationJson;
import com.commercive.support.api.Representations.HealthJson;
import com.commercive.support.api.Representations.MessagePostedJson;
import com.commercive.support.api.Representations.TicketCreatedJson;
import com.commercive.support.api.Representations.TicketEnvelope;
import com.commercive.support.api.Representations.TicketListJson;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.RateLimitedException;
import com.commercive.support.domain.SupportException;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.service.AssistantService;
import com.commercive.support.service.TicketService;
import com.commercive.support.service.TicketService.ListQuery;
import com.commercive.support.store.IdempotencyStore.StoredResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: routing, CORS, authentication, body limits, idempotency and the mapping of
 * outcomes to responses. It knows HTTP; the rules of the help desk are in {@link TicketService}.
 */
public final class HttpApi {
  public static final int MAX_BODY_BYTES = 64 * 1024;
  static final String BASE = "/support";
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  private final TicketService tickets;
  private final AssistantService assistant;
  private final IdempotencyService idempotency;
  private final JwtAuthenticator authenticator;
  private final CorsPolicy cors;
  private final ApiMetrics metrics;
  private final Supplier<String> openApiDocument;

  public HttpApi(
      TicketService tickets,
      AssistantService assistant,
      IdempotencyService idempotency,
      JwtAuthenticator authenticator,
      CorsPolicy cors,
      ApiMetrics metrics) {
    this.tickets = tickets;
    this.assistant = assistant;
    this.idempotency = idempotency;
    this.authenticator = authenticator;
    this.cors = cors;
    this.metrics = metrics;
    this.openApiDocument = new OpenApiDocument();
  }

  /** The routes, each a path pattern ({@code {id}} is a ticket id) and the methods it serves. */
  enum Route {
    HEALTH("/health", "GET"),
    OPENAPI("/openapi.json", "GET"),
    TICKETS("/tickets", "GET,POST"),
    TICKET("/tickets/{id}", "GET"),
    MESSAGES("/tickets/{id}/messages", "GET,POST"),
    ADMIN_TICKETS("/admin/tickets", "GET"),
    AI_RESPONSE("/ai-response", "POST");

    final String[] segments;
    final List<String> methods;

    Route(String pattern, String methods) {
      this.segments = pattern.substring(1).split("/");
      this.methods = List.of(methods.split(","));
    }

    /** The ticket id when {@code segments} match this route, "" for a route without one. */
    Optional<String> match(String[] path) {
      if (path.length != segments.length) {
        return Optional.empty();
      }
      String id = "";
      for (int i = 0; i < path.length; i++) {
        if (segments[i].equals("{id}")) {
          if (path[i].isEmpty()) {
            return Optional.empty();
          }
          id = path[i];
        } else if (!segments[i].equals(path[i])) {
          return Optional.empty();
        }
      }
      return Optional.of(id);
    }

    String allow() {
      return String.join(", ", methods) + ", OPTIONS";
    }
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
        throw new RouteNotFound();
      }
      if (request.method().equals("OPTIONS")) {
        route = "preflight";
        response = new HttpResponse(204, cors.preflightHeaders(origin), "");
      } else {
        String[] segments = path.substring(BASE.length()).replaceFirst("^/", "").split("/", -1);
        Route matched = null;
        String id = null;
        for (Route candidate : Route.values()) {
          Optional<String> match = candidate.match(segments);
          if (match.isPresent()) {
            matched = candidate;
            id = match.get();
            break;
          }
        }
        if (matched == null) {
          throw new RouteNotFound();
        }
        route = matched.name();
        ticketId = id.isEmpty() ? null : id;
        if (!matched.methods.contains(request.method())) {
          response =
              Problems.problem(
                  405,
                  "method-not-allowed",
                  request.method() + " is not allowed here",
                  request.requestId(),
                  null,
                  Map.of("Allow", matched.allow()));
        } else {
          response = dispatch(matched, id, request);
        }
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

  private HttpResponse dispatch(Route route, String ticketId, HttpRequest request) {
    switch (route) {
      case HEALTH:
        return json(200, new HealthJson("ok"));
      case OPENAPI:
        return new HttpResponse(
            200,
            Map.of("Content-Type", JSON_TYPE),
            openApiDocument.get());
      default:
        break;
    }
    if (request.body() != null && request.body().length > MAX_BODY_BYTES) {
      throw new BodyTooLarge();
    }
    Caller caller = authenticator.authenticate(request.header("authorization"));
    String method = request.method();
    if (request.body() != null && request.body().length > 0 && !isJson(request.header("content-type"))) {
      throw new UnsupportedMediaType();
    }
    return switch (route) {
      case TICKETS -> method.equals("POST") ? createTicket(caller, request) : listOwn(caller, request);
      case TICKET -> json(200, new TicketEnvelope(Representations.ticket(tickets.get(caller, ticketId))));
      case MESSAGES ->
          method.equals("POST") ? postMessage(caller, ticketId, request) : conversation(caller, ticketId, request);
      case ADMIN_TICKETS -> {
        TicketService.TicketList list = tickets.listAll(caller, listQuery(request));
        yield json(200, new TicketListJson(Representations.tickets(list), list.nextCursor()));
      }
      case AI_RESPONSE -> aiResponse(caller, request);
      default -> throw new IllegalStateException("unrouted " + route);
    };
  }

  private HttpResponse createTicket(Caller caller, HttpRequest request) {
    return idempotent(
        caller,
        request,
        () -> {
          TicketService.TicketCreated created =
              tickets.create(caller, RequestBodies.newTicket(request.body()));
          metrics.ticketCreated();
          if (created.message() != null) {
            metrics.messagePosted(created.message().senderType().wireName());
          }
          String body =
              Json.write(
                  new TicketCreatedJson(
                      Representations.ticket(created.ticket()),
                      Representations.sentBy(caller, created.message())));
          return new StoredResponse(201, BASE + "/tickets/" + created.ticket().ticketId(), body);
        });
  }

  private HttpResponse postMessage(Caller caller, String ticketId, HttpRequest request) {
    return idempotent(
        caller,
        request,
        () -> {
          TicketService.MessagePosted posted =
              tickets.post(caller, ticketId, RequestBodies.newMessage(request.body()));
          if (posted.message() != null) {
            metrics.messagePosted(posted.message().senderType().wireName());
          }
          String body =
              Json.write(
                  new MessagePostedJson(
                      Representations.sentBy(caller, posted.message()),
                      Representations.ticket(posted.ticket())));
          return new StoredResponse(201, null, body);
        });
  }

  private HttpResponse aiResponse(Caller caller, HttpRequest request) {
    return idempotent(
        caller,
        request,
        () -> {
          AssistantService.AiReply reply =
              assistant.respond(caller, RequestBodies.aiRequest(request.body()));
          metrics.assistantAnswered(reply.answer().topic().wireName(), reply.answer().handoff());
          if (reply.message() != null) {
            metrics.messagePosted(reply.message().senderType().wireName());
          }
          return new StoredResponse(200, null, Json.write(Representations.aiReply(reply)));
        });
  }

  private HttpResponse listOwn(Caller caller, HttpRequest request) {
    TicketService.TicketList list = tickets.listOwn(caller, listQuery(request));
    return json(200, new TicketListJson(Representations.tickets(list), list.nextCursor()));
  }

  private HttpResponse conversation(Caller caller, String ticketId, HttpRequest request) {
    var parameters = request.query();
    ListQuery query =
        new ListQuery(
            null,
            QueryString.single(parameters, "limit"),
            QueryString.single(parameters, "cursor"));
    TicketService.Conversation conversation = tickets.conversation(caller, ticketId, query);
    return json(
        200,
        new ConversationJson(
            Representations.ticket(conversation.ticket()),
            conversation.messages().stream().map(Representations::message).toList(),
            conversation.nextCursor()));
  }

  private static ListQuery listQuery(HttpRequest request) {
    var parameters = request.query();
    return new ListQuery(
        QueryString.single(parameters, "status"),
        QueryString.single(parameters, "limit"),
        QueryString.single(parameters, "cursor"));
  }

  /** Runs a creating action under the request's Idempotency-Key, when it has one. */
  private HttpResponse idempotent(
      Caller caller, HttpRequest request, Supplier<StoredResponse> action) {
    Optional<String> key = request.header(IdempotencyService.HEADER);
    StoredResponse stored;
    boolean replayed = false;
    if (key.isEmpty()) {
      stored = action.get();
    } else {
      String fingerprint =
          request.method() + ' ' + request.path() + '\n'
              + new String(request.body() == null ? new byte[0] : request.body(), StandardCharsets.UTF_8);
      IdempotencyService.Outcome outcome =
          idempotency.execute(IdempotencyService.scopeOf(caller), key.get(), fingerprint, action);
      stored = outcome.response();
      replayed = outcome.replayed();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON_TYPE);
    if (stored.location() != null) {
      headers.put("Location", stored.location());
    }
    if (replayed) {
      headers.put("Idempotent-Replayed", "true");
    }
    return new HttpResponse(stored.status(), headers, stored.body());
  }

  private HttpResponse failureResponse(RuntimeException failure, HttpRequest request) {
    String requestId = request.requestId();
    HttpResponse response;
    String kind;
    if (failure instanceof SupportException refusal) {
      // The refusal says what it is (status and slug); only its extras are added here.
      kind = refusal.kind().slug();
      Map<String, String> headers = Map.of();
      if (refusal instanceof RateLimitedException limited) {
        long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
        headers = Map.of("Retry-After", Long.toString(seconds));
      }
      response = Problems.problem(refusal.kind().status(), kind, refusal.detail(), requestId,
          refusal instanceof ValidationException invalid ? invalid.errors() : null, headers);
    } else if (failure instanceof UnauthenticatedException unauthenticated) {
      kind = "unauthenticated";
      String challenge =
          unauthenticated.tokenPresented
              ? "Bearer realm=\"commercive-support\", error=\"invalid_token\""
              : "Bearer realm=\"commercive-support\"";
      response =
          Problems.problem(
              401, kind, unauthenticated.getMessage(), requestId, null,
              Map.of("WWW-Authenticate", challenge));
    } else if (failure instanceof RouteNotFound) {
      kind = "not-found";
      response = Problems.problem(404, kind, "no such route", requestId);
    } else if (failure instanceof UnsupportedMediaType) {
      kind = "unsupported-media-type";
      response = Problems.problem(415, kind, "the request body must be JSON, sent as Content-Type: application/json",
          requestId, null, Map.of("Accept-Post", "application/json"));
    } else if (failure instanceof BodyTooLarge) {
      kind = "body-too-large";
      response =
          Problems.problem(
              413, kind, "the request body must be at most " + MAX_BODY_BYTES + " bytes", requestId);
    } else {
      kind = "internal-error";
      LOG.atError()
          .addKeyValue("request_id", requestId)
          .addKeyValue("error_type", failure.getClass().getName())
          .setCause(failure)
          .log("request failed");
      response =
          Problems.problem(
              500, kind,
              "An unexpected error occurred. Quote request id " + requestId + " to support.",
              requestId);
    }
    metrics.error(kind, response.status());
    return response;
  }

  /** {@code application/json} or a {@code +json} type, with any parameters ({@code charset=utf-8}). */
  static boolean isJson(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return false;
    }
    String type = contentType.get().split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private static HttpResponse json(int status, Object body) {
    return new HttpResponse(status, Map.of("Content-Type", JSON_TYPE), Json.write(body));
  }

  private static Map<String, String> commonHeaders() {
    return Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");
  }

  private static final class RouteNotFound extends RuntimeException {
    RouteNotFound() {
      super("no such route", null, false, false);
    }
  }

  private static final class UnsupportedMediaType extends RuntimeException {
    UnsupportedMediaType() {
      super("unsupported media type", null, false, false);
    }
  }

  private static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge() {
      super("body too large", null, false, false);
    }
  }

  /** The OpenAPI document shipped in this module's resources, read once. */
  private static final class OpenApiDocument implements Supplier<String> {
    private volatile String document;

    @Override
    public String get() {
      String loaded = document;
      if (loaded == null) {
        try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.json")) {
          if (in == null) {
            throw new IllegalStateException("openapi.json is missing from the classpath");
          }
          loaded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        document = loaded;
      }
      return loaded;
    }
  }
}
