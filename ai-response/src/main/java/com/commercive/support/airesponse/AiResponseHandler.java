package com.commercive.support.airesponse;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.commercive.support.api.ApiGatewayEvents;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.store.secretsmanager.SecretsManagerSecrets;
import com.commercive.support.lambda.SnapStartPriming;

/**
 * The assistant's Lambda behind the same HTTP API: {@code POST /support/ai-response}, the one
 * route whose function holds the search index, its embedding model and ONNX Runtime, so the
 * ticket routes' function starts without them.
 */
public final class AiResponseHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final AiResponseWiring parts;

  /**
   * What Lambda calls: wires the real adapters from the environment, once per cold start, and
   * registers the warm-up SnapStart runs before its snapshot (the assistant asked once).
   */
  public AiResponseHandler() {
    this(AiResponseWiring.from(SecretsManagerSecrets.resolve(SupportConfig.fromEnvironment())));
    SnapStartPriming.register("ai-response", this::warmUp);
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public AiResponseHandler(AiResponseWiring parts) {
    this.parts = parts;
  }

  /** Builds the index and answers one question, so restored environments answer their first warm. */
  void warmUp() {
    parts.assistant().warmUp();
    parts.metrics().discard();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return ApiGatewayEvents.serve(parts.api(), parts.metrics(), event, context);
  }
}
