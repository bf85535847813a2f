package com.commercive.support.assistant.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.providers.Assistants;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Topic;
import com.commercive.support.assistant.Turn;
import com.commercive.support.assistant.kb.KnowledgeBase;
import com.commercive.support.assistant.kb.KnowledgeBaseAssistant;
import com.commercive.support.config.SupportConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Bedrock provider, wired as in production from the configuration, against a fake Bedrock
 * Runtime endpoint speaking the Converse API's wire format.
 */
class BedrockProviderTest {
  static final String CONVERSE = "/model/[^/]+/converse";
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  static KnowledgeBase knowledgeBase;

  final Question question =
      new Question(
          "My products are not showing up in Commercive",
          "Products missing",
          List.of(
              new Turn(Turn.Speaker.SUPPORT, "Welcome to Commercive support!"),
              new Turn(Turn.Speaker.CUSTOMER, "I connected my store yesterday."),
              new Turn(Turn.Speaker.CUSTOMER, "Still nothing in Inventory.")));

  @BeforeAll
  static void index() {
    knowledgeBase = KnowledgeBase.load();
  }

  Assistant assistant() {
    SupportConfig config = SupportConfig.from(Map.of(
        "JWT_SECRET", "0123456789abcdef0123456789abcdef",
        "AI_PROVIDER", "bedrock",
        "BEDROCK_MODEL_ID", "anthropic.claude-3-5-haiku-20241022-v1:0",
        "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", server.baseUrl(),
        "AWS_ACCESS_KEY_ID", "test",
        "AWS_SECRET_ACCESS_KEY", "test",
        "AI_TIMEOUT_MS", "1000",
        "AI_MAX_ATTEMPTS", "3"));
    return Assistants.create(config, knowledgeBase);
  }

  static String converse(String text) {
    try {
      return "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":"
          + JSON.writeValueAsString(text) + "}]}},\"stopReason\":\"end_turn\","
          + "\"usage\":{\"inputTokens\":1200,\"outputTokens\":80,\"totalTokens\":1280},"
          + "\"metrics\":{\"latencyMs\":640}}";
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  List<LoggedRequest> requests() {
    return server.findAll(anyRequestedFor(anyUrl()));
  }

  @Test
  void sendsTheConverseRequestWithGroundingAndAlternatingHistory() throws Exception {
    server.stubFor(post(urlPathMatching(CONVERSE)).willReturn(okJson(converse(
        "Check that the product is Active and published to the Commercive channel, then click Sync now."))));

    Answer answer = assistant().answer(question);

    assertThat(answer.text()).startsWith("Check that the product is Active");
    assertThat(answer.handoff()).isFalse();
    assertThat(answer.topic()).isEqualTo(Topic.INVENTORY);
    assertThat(answer.sources()).extracting(s -> s.id()).contains("inventory-missing-products");

    LoggedRequest request = requests().get(0);
    assertThat(request.getUrl()).isEqualTo("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse");
    assertThat(request.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256");
    JsonNode body = JSON.readTree(request.getBodyAsString());
    assertThat(body.at("/system/0/text").asText())
        .contains("<article id=\"inventory-missing-products\"")
        .contains("HANDOFF");
    JsonNode messages = body.get("messages");
    // The leading support greeting is dropped and the merchant's two turns merged: Converse
    // needs a conversation that starts with the user and alternates.
    assertThat(messages).hasSize(1);
    assertThat(messages.at("/0/role").asText()).isEqualTo("user");
    assertThat(messages.at("/0/content/0/text").asText())
        .isEqualTo("I connected my store yesterday.\n\nStill nothing in Inventory.\n\n" + question.text());
    assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(BedrockChatModel.MAX_TOKENS);
  }

  @Test
  void throttlingIsRetriedByTheClient() {
    server.stubFor(post(urlPathMatching(CONVERSE)).inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "ThrottlingException")
            .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Too many requests\"}"))
        .willSetStateTo("calm"));
    server.stubFor(post(urlPathMatching(CONVERSE)).inScenario("busy").whenScenarioStateIs("calm")
        .willReturn(okJson(converse("Answer after a retry."))));

    assertThat(assistant().answer(question).text()).isEqualTo("Answer after a retry.");
    assertThat(requests()).hasSize(2);
  }

  @Test
  void persistentServerErrorsFallBackToTheKnowledgeBase() {
    server.stubFor(post(urlPathMatching(CONVERSE)).willReturn(aResponse().withStatus(500)
        .withHeader("x-amzn-ErrorType", "InternalServerException")
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"internal\"}")));

    Answer answer = assistant().answer(question);

    assertThat(answer).isEqualTo(new KnowledgeBaseAssistant(knowledgeBase).answer(question));
    assertThat(requests()).hasSize(3);
  }

  @Test
  void aSlowModelTimesOutAndFallsBack() {
    server.stubFor(post(urlPathMatching(CONVERSE)).willReturn(okJson(converse("late")).withFixedDelay(3_000)));
    Answer answer = assistant().answer(question);
    assertThat(answer.text()).isNotEqualTo("late");
    assertThat(answer.sources()).isNotEmpty();
  }
}
