package com.commercive.support.assistant.llm;

import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Claude (or any chat model) through Amazon Bedrock's Converse API. Throttling, 5xx answers and
 * timeouts are retried by the SDK client's standard retry strategy, a bounded number of times.
 */
public final class BedrockChatModel implements ChatModel {
  static final int MAX_TOKENS = 700;
  static final float TEMPERATURE = 0.2f;

  private final BedrockRuntimeClient bedrock;
  private final String modelId;

  public BedrockChatModel(BedrockRuntimeClient bedrock, String modelId) {
    this.bedrock = bedrock;
    this.modelId = modelId;
  }

  @Override
  public String name() {
    return "bedrock";
  }

  @Override
  public String complete(String system, List<ChatMessage> messages) {
    List<Message> conversation =
        messages.stream()
            .map(m -> Message.builder()
                .role(m.role() == ChatMessage.Role.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                .content(ContentBlock.fromText(m.text()))
                .build())
            .toList();
    ConverseResponse response;
    try {
      response =
          bedrock.converse(r -> r.modelId(modelId)
              .system(SystemContentBlock.fromText(system))
              .messages(conversation)
              .inferenceConfig(InferenceConfiguration.builder()
                  .maxTokens(MAX_TOKENS).temperature(TEMPERATURE).build()));
    } catch (SdkException e) {
      throw new ChatModelException("bedrock converse failed: " + e.getClass().getSimpleName(), false, e);
    }
    StringBuilder text = new StringBuilder();
    if (response.output() != null && response.output().message() != null) {
      for (ContentBlock block : response.output().message().content()) {
        if (block.text() != null) {
          text.append(block.text());
        }
      }
    }
    if (text.toString().isBlank()) {
      throw new ChatModelException("bedrock returned no text", false, null);
    }
    return text.toString().strip();
  }
}
