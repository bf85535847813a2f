package com.commercive.support.airesponse;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.commercive.support.api.ApiMetrics;
import com.commercive.support.api.CorsPolicy;
import com.commercive.support.api.HttpApi;
import com.commercive.support.api.IdempotencyService;
import com.commercive.support.api.JwtAuthenticator;
import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Topic;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.fakes.FakeLambdaContext;
import com.commercive.support.fakes.InMemoryClaimStore;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.AssistantService;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.TicketAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The assistant's function through the real Lambda event: its one route, and nothing else. */
class AiResponseHandlerTest {
  static final String SECRET = "ai-response-test-secret-of-32-bytes!!";
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
  final AtomicInteger warmUps = new AtomicInteger();
  final Assistant assistant = new Assistant() {
    @Override
    public Answer answer(Question question) {
      return new Answer("Payouts go out on the 1st of each month.", Topic.PAYOUTS, 0.9, List.of(), false);
    }

    @Override
    public void warmUp() {
      warmUps.incrementAndGet();
    }
  };
  final ApiMetrics metrics = new ApiMetrics() {
    @Override
    public void ticketCreated() {}

    @Override
    public void messagePosted(String senderType) {}

    @Override
    public void assistantAnswered(String topic, boolean handoff) {}

    @Override
    public void error(String kind, int status) {}

    @Override
    public void flush() {}

    @Override
    public void discard() {}
  };
  final AiResponseHandler handler = new AiResponseHandler(new AiResponseWiring(HttpApi.assistant(
      new AssistantService(assistant, new TicketAccess(tickets), new AppendMessage(tickets, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), tickets,
          () -> "ai-1", RateLimiter.unlimited()),
      new HttpApi.Steps(new IdempotencyService(new InMemoryClaimStore(), clock),
          new JwtAuthenticator(SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty(), Duration.ZERO, clock),
          new CorsPolicy(List.of("http://localhost:3000")), metrics)), metrics, assistant));

  APIGatewayV2HTTPResponse send(String method, String path, String body) {
    String token = JWT.create().withSubject("user-1").withExpiresAt(clock.instant().plus(Duration.ofHours(1)))
        .sign(Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8)));
    APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path)
        .withRawQueryString("").withBody(body)
        .withHeaders(Map.of("authorization", "Bearer " + token, "content-type", "application/json"))
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r-1").withStage("$default")
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
            .build())
        .build();
    return handler.handleRequest(event, new FakeLambdaContext("ai-response"));
  }

  @Test
  void answersAQuestionAndAddsTheAnswerToTheCallersTicket() {
    Ticket ticket = Ticket.open("t-1", "user-1", "Payout question", Priority.MEDIUM, clock.instant());
    tickets.put(ticket);
    clock.advance(Duration.ofSeconds(1));

    APIGatewayV2HTTPResponse answered = send("POST", "/support/ai-response",
        "{\"message\":\"When are payouts sent?\",\"ticket_id\":\"t-1\",\"add_to_ticket\":true}");

    assertThat(answered.getStatusCode()).isEqualTo(200);
    assertThat(answered.getBody()).contains("1st of each month").contains("\"topic\":\"payouts\"");
    assertThat(tickets.allMessages()).extracting(Message::senderType).containsExactly(SenderType.AI);
  }

  @Test
  void servesNoTicketRoute() {
    // The HTTP API sends every other route to the API function: here they are unknown.
    assertThat(send("GET", "/support/tickets", null).getStatusCode()).isEqualTo(404);
    assertThat(send("POST", "/support/tickets", "{\"subject\":\"Hello there\"}").getStatusCode()).isEqualTo(404);
    assertThat(send("GET", "/support/health", null).getStatusCode()).isEqualTo(200);
  }

  @Test
  void theWarmUpBuildsTheAssistant() {
    handler.warmUp();

    assertThat(warmUps).hasValue(1);
  }
}
