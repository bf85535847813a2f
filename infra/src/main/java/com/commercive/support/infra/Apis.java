package com.commercive.support.infra;

import com.commercive.support.resources.CorsHeaders;
import com.commercive.support.resources.EventSource;
import com.commercive.support.resources.FunctionEntry;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlCorsOptions;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.HttpMethod;
import software.constructs.Construct;

/**
 * The entry points: the HTTP API (or the API function's URL) in front of the function the
 * catalogue gives the HTTP requests, and the live updates' WebSocket API in front of the one it
 * gives the frames. Both throttle at 100 requests a second (bursts of 200).
 */
final class Apis extends StackPart {
  private final String url;
  private final WebSocketApi liveApi;
  private final WebSocketStage liveStage;

  Apis(Construct scope, InfraConfig config, String prefix, Functions functions) {
    super(scope, "Apis");
    Alias api = functions.alias(functions.reachedBy(EventSource.HTTP_REQUESTS));
    if (config.entryPoint() == InfraConfig.EntryPoint.HTTP_API) {
      url = httpApi(config, prefix, api, functions);
    } else {
      // A function URL cannot route by path: each function with a route of its own has its URL.
      url = functionUrl(config, api);
      functions.entries().stream().filter(Apis::hasOwnRoute).forEach(fn -> CfnOutput.Builder
          .create(this, fn.id() + "Url").value(functionUrl(config, functions.alias(fn))).build());
    }

    // A refused $connect is a 401 at the upgrade; $default answers each frame on its connection.
    Alias webSocket = functions.alias(functions.reachedBy(EventSource.WEB_SOCKET_FRAMES));
    liveApi = WebSocketApi.Builder.create(this, "LiveApi").apiName(prefix + "-live")
        .connectRouteOptions(WebSocketRouteOptions.builder()
            .integration(new WebSocketLambdaIntegration("LiveConnect", webSocket)).build())
        .disconnectRouteOptions(WebSocketRouteOptions.builder()
            .integration(new WebSocketLambdaIntegration("LiveDisconnect", webSocket)).build())
        .defaultRouteOptions(WebSocketRouteOptions.builder()
            .integration(new WebSocketLambdaIntegration("LiveFrames", webSocket)).returnResponse(true).build())
        .build();
    liveStage = WebSocketStage.Builder.create(this, "LiveStage").webSocketApi(liveApi)
        .stageName(config.stage()).autoDeploy(true)
        .throttle(ThrottleSettings.builder().rateLimit(100).burstLimit(200).build()).build();

    CfnOutput.Builder.create(this, "ApiUrl").value(url).build();
    CfnOutput.Builder.create(this, "LiveUpdatesUrl").value(liveStage.getUrl()).build();
  }

  WebSocketApi liveApi() {
    return liveApi;
  }

  /** Where browsers connect ({@code wss://…/<stage>}). */
  String liveUrl() {
    return liveStage.getUrl();
  }

  /** Where functions post to connections ({@code https://…/<stage>}). */
  String liveCallbackUrl() {
    return liveStage.getCallbackUrl();
  }

  private static boolean hasOwnRoute(FunctionEntry fn) {
    return fn.eventSources().stream().anyMatch(EventSource.HttpRoute.class::isInstance);
  }

  private String httpApi(InfraConfig config, String prefix, Alias api, Functions functions) {
    HttpApi httpApi = HttpApi.Builder.create(this, "HttpApi").apiName(prefix + "-api")
        .createDefaultStage(false)
        .defaultIntegration(new HttpLambdaIntegration("ApiIntegration", api))
        .corsPreflight(CorsPreflightOptions.builder()
            .allowOrigins(config.allowedOrigins()).allowCredentials(!config.allowedOrigins().contains("*"))
            .allowHeaders(CorsHeaders.ALLOWED)
            .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT,
                CorsHttpMethod.PATCH, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS))
            .exposeHeaders(CorsHeaders.EXPOSED)
            .maxAge(Duration.minutes(10)).build())
        .build();
    // A function's own routes (the assistant's) reach it; every other route, the default.
    for (FunctionEntry fn : functions.entries()) {
      for (EventSource source : fn.eventSources()) {
        if (source instanceof EventSource.HttpRoute route) {
          httpApi.addRoutes(AddRoutesOptions.builder().path(route.path())
              .methods(List.of(software.amazon.awscdk.services.apigatewayv2.HttpMethod.valueOf(route.method())))
              .integration(new HttpLambdaIntegration(fn.id() + "Integration", functions.alias(fn))).build());
        }
      }
    }
    HttpStage stage = HttpStage.Builder.create(this, "DefaultStage").httpApi(httpApi)
        .stageName("$default").autoDeploy(true)
        .throttle(ThrottleSettings.builder().rateLimit(100).burstLimit(200).build()).build();
    return stage.getUrl();
  }

  private static String functionUrl(InfraConfig config, Alias api) {
    return api.addFunctionUrl(FunctionUrlOptions.builder().authType(FunctionUrlAuthType.NONE)
        .cors(FunctionUrlCorsOptions.builder().allowedOrigins(config.allowedOrigins())
            .allowCredentials(!config.allowedOrigins().contains("*"))
            .allowedHeaders(CorsHeaders.ALLOWED).exposedHeaders(CorsHeaders.EXPOSED)
            .allowedMethods(List.of(HttpMethod.ALL)).maxAge(Duration.minutes(10)).build())
        .build()).getUrl();
  }
}
