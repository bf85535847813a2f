package com.commercive.support.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.store.secretsmanager.SecretsManagerSecrets;
import com.commercive.support.lambda.SnapStartPriming;

/**
 * The API Lambda: translates the HTTP API / Function URL event and hands it to {@link HttpApi}.
 */
public final class ApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final ApiWiring parts;

  /**
   * What Lambda calls: wires the real adapters from the environment, once per cold start, and
   * registers the warm-up SnapStart runs before its snapshot.
   */
  public ApiHandler() {
    this(ApiWiring.from(SecretsManagerSecrets.resolve(SupportConfig.fromEnvironment())));
    SnapStartPriming.register("api-handler", this::warmUp);
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public ApiHandler(ApiWiring parts) {
    this.parts = parts;
  }

  void warmUp() {
    ApiWarmUp.run(parts);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return ApiGatewayEvents.serve(parts.api(), parts.metrics(), event, context);
  }
}
