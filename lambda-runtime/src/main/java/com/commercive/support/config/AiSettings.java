package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.AI_MAX_ATTEMPTS;
import static com.commercive.support.resources.EnvironmentVariables.AI_PROVIDER;
import static com.commercive.support.resources.EnvironmentVariables.AI_TIMEOUT_MS;
import static com.commercive.support.resources.EnvironmentVariables.ASSISTANT_HANDOFF_THRESHOLD;
import static com.commercive.support.resources.EnvironmentVariables.BEDROCK_MODEL_ID;
import static com.commercive.support.resources.EnvironmentVariables.OPENAI_API_KEY;
import static com.commercive.support.resources.EnvironmentVariables.OPENAI_BASE_URL;
import static com.commercive.support.resources.EnvironmentVariables.OPENAI_MODEL;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Which assistant answers ({@code AI_PROVIDER}) and how to reach the LLM providers: the Bedrock
 * model, the OpenAI-compatible endpoint, the time each call may take and the attempts it gets;
 * and the confidence below which a message goes to a person ({@code ASSISTANT_HANDOFF_THRESHOLD},
 * empty for the threshold calibrated with the help centre).
 */
public record AiSettings(
    Provider provider,
    String bedrockModelId,
    Optional<URI> openAiBaseUrl,
    Optional<String> openAiApiKey,
    Optional<String> openAiModel,
    Duration timeout,
    int maxAttempts,
    OptionalDouble handoffThreshold) {

  public static final String DEFAULT_BEDROCK_MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";

  /** {@code AI_PROVIDER}: the knowledge base alone (default), or an LLM grounded in it. */
  public enum Provider {
    KNOWLEDGE_BASE("knowledge-base"),
    BEDROCK("bedrock"),
    OPENAI("openai");

    private final String setting;

    Provider(String setting) {
      this.setting = setting;
    }

    public String setting() {
      return setting;
    }

    static Provider fromSetting(String value) {
      for (Provider provider : values()) {
        if (provider.setting.equals(value)) {
          return provider;
        }
      }
      throw new IllegalArgumentException("AI_PROVIDER must be knowledge-base, bedrock or openai, not " + value);
    }
  }

  public static AiSettings from(Environment env) {
    Provider provider = Provider.fromSetting(env.value(AI_PROVIDER).orElse(Provider.KNOWLEDGE_BASE.setting()));
    Optional<URI> openAiBaseUrl = env.url(OPENAI_BASE_URL);
    Optional<String> openAiModel = env.value(OPENAI_MODEL);
    if (provider == Provider.OPENAI && (openAiBaseUrl.isEmpty() || openAiModel.isEmpty())) {
      throw new IllegalArgumentException(
          "AI_PROVIDER=openai needs OPENAI_BASE_URL (up to and including /v1) and OPENAI_MODEL");
    }
    return new AiSettings(
        provider,
        env.value(BEDROCK_MODEL_ID).orElse(DEFAULT_BEDROCK_MODEL),
        openAiBaseUrl,
        env.value(OPENAI_API_KEY),
        openAiModel,
        Duration.ofMillis(env.number(AI_TIMEOUT_MS, 8_000, 100, 120_000)),
        env.integer(AI_MAX_ATTEMPTS, 3, 1, 10),
        threshold(env));
  }

  private static OptionalDouble threshold(Environment env) {
    Optional<String> raw = env.value(ASSISTANT_HANDOFF_THRESHOLD);
    if (raw.isEmpty()) {
      return OptionalDouble.empty();
    }
    try {
      double value = Double.parseDouble(raw.get());
      if (value >= 0 && value <= 1) {
        return OptionalDouble.of(value);
      }
    } catch (NumberFormatException e) {
      // Reported below, with the variable's name.
    }
    throw new IllegalArgumentException(ASSISTANT_HANDOFF_THRESHOLD + " must be a number from 0 to 1, such as 0.6");
  }

  @Override
  public String toString() {
    return "AiSettings[provider=" + provider + ", bedrockModelId=" + bedrockModelId
        + ", openAiBaseUrl=" + openAiBaseUrl + ", openAiModel=" + openAiModel
        + ", openAiApiKey=" + (openAiApiKey.isPresent() ? "***" : "none")
        + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + ", handoffThreshold="
        + (handoffThreshold.isPresent() ? String.format(Locale.ROOT, "%.3f", handoffThreshold.getAsDouble()) : "calibrated")
        + "]";
  }
}
