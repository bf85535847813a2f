package com.commercive.support.local;

import com.commercive.support.api.ApiHandler;
import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.store.dynamodb.SupportTables;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole system on this machine: DynamoDB Local with the tables and demo users, and the API
 * served over HTTP by the same handler class that runs on Lambda, configured the same way (an
 * environment map, with the endpoint override pointing at the stand-in).
 */
public final class LocalSystem implements AutoCloseable {
  /** Only for local runs; documented in the README. Never use it anywhere else. */
  public static final String LOCAL_JWT_SECRET = "local-development-secret-change-me-0123456789";
  public static final String DEFAULT_CORS_ORIGINS = "http://localhost:3000,http://localhost:5173";

  /** What to start where; ports of 0 pick free ones (tests). */
  public record Settings(
      String host, int apiPort, int dynamoDbPort, Path dataDirectory, Map<String, String> env) {

    /** Settings from environment variables, with the conventional local defaults. */
    public static Settings fromEnvironment(Map<String, String> env) {
      return new Settings(
          "127.0.0.1",
          port(env, "PORT", 8080),
          port(env, "DYNAMODB_PORT", 8000),
          env.containsKey("DYNAMODB_DATA_DIR") && !env.get("DYNAMODB_DATA_DIR").isBlank()
              ? Path.of(env.get("DYNAMODB_DATA_DIR"))
              : null,
          env);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
      String value = env.get(name);
      if (value == null || value.isBlank()) {
        return fallback;
      }
      try {
        int port = Integer.parseInt(value.strip());
        if (port < 0 || port > 65535) {
          throw new NumberFormatException();
        }
        return port;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a port number from 0 to 65535");
      }
    }
  }

  private final LocalDynamoDb dynamoDbServer;
  private final DynamoDbClient dynamoDb;
  private final LambdaHttpServer api;
  private final SupportConfig config;
  private final String host;

  private LocalSystem(
      LocalDynamoDb dynamoDbServer,
      DynamoDbClient dynamoDb,
      LambdaHttpServer api,
      SupportConfig config,
      String host) {
    this.dynamoDbServer = dynamoDbServer;
    this.dynamoDb = dynamoDb;
    this.api = api;
    this.config = config;
    this.host = host;
  }

  public static LocalSystem start(Settings settings) {
    LocalDynamoDb dynamoDbServer =
        LocalDynamoDb.start(settings.host(), settings.dynamoDbPort(), settings.dataDirectory());
    DynamoDbClient dynamoDb = null;
    try {
      Map<String, String> env = new HashMap<>(settings.env());
      env.putIfAbsent("JWT_SECRET", LOCAL_JWT_SECRET);
      env.putIfAbsent("CORS_ALLOWED_ORIGINS", DEFAULT_CORS_ORIGINS);
      env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbServer.endpoint().toString());
      env.putIfAbsent("AWS_REGION", SupportConfig.DEFAULT_REGION);
      SupportConfig config = SupportConfig.from(env);

      dynamoDb = AwsClients.dynamoDb(config);
      SupportTables.createAll(dynamoDb, config.tables());
      DemoUsers.seed(dynamoDb, config.tables().users());

      ApiHandler handler = new ApiHandler(config);
      LambdaHttpServer api = LambdaHttpServer.start(settings.host(), settings.apiPort(), handler);
      return new LocalSystem(dynamoDbServer, dynamoDb, api, config, settings.host());
    } catch (RuntimeException failure) {
      if (dynamoDb != null) {
        dynamoDb.close();
      }
      dynamoDbServer.close();
      throw failure;
    }
  }

  public URI apiUrl() {
    return URI.create("http://" + host + ":" + api.port());
  }

  public URI dynamoDbEndpoint() {
    return dynamoDbServer.endpoint();
  }

  public SupportConfig config() {
    return config;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  /** A fresh token for a demo user ({@code demo-user}, {@code demo-user-2}, {@code demo-admin}). */
  public String tokenFor(String userId) {
    return DemoUsers.ALL.stream()
        .filter(u -> u.userId().equals(userId))
        .findFirst()
        .map(u -> DemoUsers.token(u, config.jwtSecret(), java.time.Instant.now()))
        .orElseThrow(() -> new IllegalArgumentException("no demo user " + userId));
  }

  @Override
  public void close() {
    try {
      api.close();
    } finally {
      try {
        dynamoDb.close();
      } finally {
        dynamoDbServer.close();
      }
    }
  }
}
