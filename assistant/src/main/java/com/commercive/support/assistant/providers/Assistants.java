package com.commercive.support.assistant.providers;

import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.kb.KnowledgeBase;
import com.commercive.support.assistant.kb.KnowledgeBaseAssistant;
import com.commercive.support.assistant.llm.BedrockChatModel;
import com.commercive.support.assistant.llm.GroundedLlmAssistant;
import com.commercive.support.assistant.llm.OpenAiChatModel;
import com.commercive.support.assistant.llm.Retrier;
import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.config.AiSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** Builds the configured assistant ({@code AI_PROVIDER}), once per cold start. */
public final class Assistants {
  static final Duration RETRY_BASE_DELAY = Duration.ofMillis(250);
  static final Duration RETRY_MAX_DELAY = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(Assistants.class);

  private Assistants() {}

  public static Assistant create(SupportConfig config) {
    return create(config, KnowledgeBase.load());
  }

  public static Assistant create(SupportConfig config, KnowledgeBase loaded) {
    AiSettings ai = config.ai();
    KnowledgeBase knowledgeBase = ai.handoffThreshold().isPresent()
        ? loaded.withHandoffThreshold(ai.handoffThreshold().getAsDouble())
        : loaded;
    LOG.atInfo()
        .addKeyValue("provider", ai.provider().setting())
        .addKeyValue("articles", knowledgeBase.articles().size())
        .addKeyValue("index_build_ms", knowledgeBase.buildTime().toMillis())
        .addKeyValue("handoff_threshold", knowledgeBase.handoffThreshold())
        .log("assistant ready");
    return switch (ai.provider()) {
      case KNOWLEDGE_BASE -> new KnowledgeBaseAssistant(knowledgeBase);
      case OPENAI -> new GroundedLlmAssistant(
          knowledgeBase,
          new OpenAiChatModel(
              HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(),
              ai.openAiBaseUrl().orElseThrow(),
              ai.openAiApiKey(),
              ai.openAiModel().orElseThrow(),
              ai.timeout(),
              new Retrier(ai.maxAttempts(), RETRY_BASE_DELAY, RETRY_MAX_DELAY)));
      case BEDROCK -> new GroundedLlmAssistant(
          knowledgeBase, new BedrockChatModel(bedrock(config), ai.bedrockModelId()));
    };
  }

  static BedrockRuntimeClient bedrock(SupportConfig config) {
    AiSettings ai = config.ai();
    return AwsClients.configure(
            BedrockRuntimeClient.builder(),
            config.aws(),
            config.aws().bedrockRuntimeEndpoint(),
            ai.timeout(),
            ai.timeout(),
            ai.timeout().multipliedBy(ai.maxAttempts()).plus(RETRY_MAX_DELAY.multipliedBy(ai.maxAttempts())),
            ai.maxAttempts())
        .build();
  }
}
