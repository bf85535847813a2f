package com.commercive.support.local;

import static com.commercive.support.resources.EnvironmentVariables.ADMIN_NOTIFICATION_EMAILS;
import static com.commercive.support.resources.EnvironmentVariables.ATTACHMENT_MALWARE_SCAN;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_DYNAMODB;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_S3;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_SES;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_SQS;
import static com.commercive.support.resources.EnvironmentVariables.AWS_REGION;
import static com.commercive.support.resources.EnvironmentVariables.CORS_ALLOWED_ORIGINS;
import static com.commercive.support.resources.EnvironmentVariables.INBOUND_EMAIL_DOMAIN;
import static com.commercive.support.resources.EnvironmentVariables.REPLY_ADDRESS_SECRET;
import static com.commercive.support.resources.EnvironmentVariables.JWT_SECRET;
import static com.commercive.support.resources.EnvironmentVariables.REALTIME_ENDPOINT;
import static com.commercive.support.resources.EnvironmentVariables.REALTIME_URL;

import com.commercive.support.liveupdates.LiveUpdatesWiring;
import com.commercive.support.config.AwsClients;
import com.commercive.support.config.AwsSettings;
import com.commercive.support.config.Environment;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.liveupdates.WebSocketHandler;
import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.QueueEntry;
import com.commercive.support.resources.SupportQueues;
import com.commercive.support.store.s3.S3Clients;
import com.commercive.support.standins.LocalQueues;
import com.commercive.support.standins.LocalTables;
import com.commercive.support.store.sqs.SqsClients;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole system on this machine: DynamoDB Local (with streams), ElasticMQ, the SES and S3 stand-ins
 * (SES's inbound side an SMTP server),
 * the API served over HTTP, and pollers driving the catalogue's stream and queue functions (the
 * stream processor, the AI worker, the notifier, the attachment checker...) as Lambda's event source
 * mappings would. Every handler is the class that runs on Lambda, configured the same way (an
 * environment map, with endpoint overrides for the stand-ins).
 */
public final class LocalSystem implements AutoCloseable {
  // Longer than most: it starts every stand-in and wires every function in dependency order,
  // the one place where the whole local system can be seen.
  /** Only for local runs; documented in the README. Never use it anywhere else. */
  public static final String LOCAL_JWT_SECRET = "local-development-secret-change-me-0123456789";
  public static final String DEFAULT_CORS_ORIGINS = "http://localhost:3000,http://localhost:5173";
  public static final String DEFAULT_ADMIN_EMAILS = "alex@example.com";
  /** Replies by email locally: mail to this domain reaches the local SMTP server. */
  public static final String DEFAULT_INBOUND_EMAIL_DOMAIN = "support.localhost";
  /** Only for local runs, like {@link #LOCAL_JWT_SECRET}: signs the local emails' reply addresses. */
  public static final String LOCAL_REPLY_ADDRESS_SECRET = "local-reply-address-secret-change-me-0123456789";

  /**
   * What to start where; ports of 0 pick free ones (tests). {@code queuePollers} is how many
   * batches of each queue are handled at once, each by its own handler instance, as Lambda runs
   * several execution environments of a function behind one event source mapping.
   */
  public record Settings(
      String host, int apiPort, int dynamoDbPort, int sqsPort, int sesPort, int s3Port, int webSocketPort,
      int smtpPort, int visibilityTimeoutSeconds, int queuePollers, Path dataDirectory, Map<String, String> env) {

    /** At most this many pollers per queue: beyond it a 2-core machine only queues the work. */
    public static final int MAX_QUEUE_POLLERS = 8;

    /** Settings from environment variables, with the conventional local defaults. */
    public static Settings fromEnvironment(Map<String, String> env) {
      return new Settings(
          "127.0.0.1",
          number(env, "PORT", 8080),
          number(env, "DYNAMODB_PORT", 8000),
          number(env, "SQS_PORT", 9324),
          number(env, "SES_PORT", 8005),
          number(env, "S3_PORT", 8006),
          number(env, "WS_PORT", 8081),
          number(env, "SMTP_PORT", 2525),
          number(env, "SQS_VISIBILITY_TIMEOUT_SECONDS", 10),
          queuePollers(env),
          env.containsKey("DYNAMODB_DATA_DIR") && !env.get("DYNAMODB_DATA_DIR").isBlank()
              ? Path.of(env.get("DYNAMODB_DATA_DIR"))
              : null,
          env);
    }

    /** Free ports everywhere and short visibility timeouts: what tests start. */
    public static Settings forTests(Map<String, String> env) {
      return new Settings("127.0.0.1", 0, 0, 0, 0, 0, 0, 0, 2, queuePollers(env), null, env);
    }

    public Settings withDataDirectory(Path directory) {
      return new Settings(host, apiPort, dynamoDbPort, sqsPort, sesPort, s3Port, webSocketPort,
          smtpPort, visibilityTimeoutSeconds, queuePollers, directory, env);
    }

    public Settings withApiPort(int port) {
      return new Settings(host, port, dynamoDbPort, sqsPort, sesPort, s3Port, webSocketPort,
          smtpPort, visibilityTimeoutSeconds, queuePollers, dataDirectory, env);
    }

    private static int queuePollers(Map<String, String> env) {
      return number(env, "QUEUE_POLLERS", 1, 1, MAX_QUEUE_POLLERS);
    }

    private static int number(Map<String, String> env, String name, int fallback) {
      return number(env, name, fallback, 0, 65535);
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
      return new Environment(env).integer(name, fallback, min, max);
    }
  }

  private final Deque<AutoCloseable> resources;
  private final LocalDynamoDb dynamoDbServer;
  private final LocalSqs sqsServer;
  private LocalSes sesServer;
  private final LocalS3 s3Server;
  private final LocalWebSockets webSockets;
  private final LocalSmtp smtp;
  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;
  private final LocalQueues.QueueUrls queues;
  private final LambdaHttpServer api;
  private final SupportConfig config;
  private final String host;

  private LocalSystem(Builder b) {
    this.resources = b.resources;
    this.dynamoDbServer = b.dynamoDbServer;
    this.sqsServer = b.sqsServer;
    this.sesServer = b.sesServer;
    this.s3Server = b.s3Server;
    this.webSockets = b.webSockets;
    this.smtp = b.smtp;
    this.dynamoDb = b.dynamoDb;
    this.sqs = b.sqs;
    this.queues = b.queues;
    this.api = b.api;
    this.config = b.config;
    this.host = b.host;
  }

  /** The pieces as they are started, closed in reverse order if a later one fails. */
  private static final class Builder {
    final Deque<AutoCloseable> resources = new ArrayDeque<>();
    LocalDynamoDb dynamoDbServer;
    LocalSqs sqsServer;
    LocalSes sesServer;
    LocalS3 s3Server;
    LocalWebSockets webSockets;
    LocalSmtp smtp;
    DynamoDbClient dynamoDb;
    SqsClient sqs;
    LocalQueues.QueueUrls queues;
    LambdaHttpServer api;
    SupportConfig config;
    String host;

    <T extends AutoCloseable> T keep(T resource) {
      resources.push(resource);
      return resource;
    }
  }

  public static LocalSystem start(Settings settings) {
    Builder b = new Builder();
    b.host = settings.host();
    try {
      b.dynamoDbServer = b.keep(LocalDynamoDb.start(settings.host(), settings.dynamoDbPort(), settings.dataDirectory()));
      b.sqsServer = b.keep(LocalSqs.start(settings.host(), settings.sqsPort()));
      b.sesServer = b.keep(LocalSes.start(settings.host(), settings.sesPort(), settings.env()));

      Map<String, String> env = new HashMap<>(settings.env());
      env.putIfAbsent(JWT_SECRET, LOCAL_JWT_SECRET);
      env.putIfAbsent(CORS_ALLOWED_ORIGINS, DEFAULT_CORS_ORIGINS);
      env.putIfAbsent(ADMIN_NOTIFICATION_EMAILS, DEFAULT_ADMIN_EMAILS);
      env.putIfAbsent(INBOUND_EMAIL_DOMAIN, DEFAULT_INBOUND_EMAIL_DOMAIN);
      env.putIfAbsent(REPLY_ADDRESS_SECRET, LOCAL_REPLY_ADDRESS_SECRET);
      env.putIfAbsent(AWS_REGION, AwsSettings.DEFAULT_REGION);
      // As the stack deploys it: uploads wait for the malware scan (locally its stand-in's).
      env.putIfAbsent(ATTACHMENT_MALWARE_SCAN, "true");
      env.put(AWS_ENDPOINT_URL_DYNAMODB, b.dynamoDbServer.endpoint().toString());
      env.put(AWS_ENDPOINT_URL_SQS, b.sqsServer.endpoint().toString());
      env.put(AWS_ENDPOINT_URL_SES, b.sesServer.endpoint().toString());
      SupportConfig bootstrap = SupportConfig.from(env);

      b.dynamoDb = b.keep(com.commercive.support.store.dynamodb.DynamoDbClients.create(bootstrap));
      b.sqs = b.keep(SqsClients.create(bootstrap));
      LocalTables.createAll(b.dynamoDb, bootstrap.tables());
      DemoUsers.seed(b.dynamoDb, bootstrap.tables().users(),
          com.commercive.support.store.dynamodb.DynamoDbAdapters.over(b.dynamoDb, bootstrap.tables())
              .addressBook(java.time.Clock.systemUTC()));
      b.queues = LocalQueues.createAll(b.sqs, settings.visibilityTimeoutSeconds());
      for (QueueEntry queue : Catalogue.QUEUES) {
        queue.urlVariable().ifPresent(variable -> env.put(variable, b.queues.url(queue.spec())));
      }
      // The bucket's notifications go to the checking queue, as the stack configures them on AWS.
      var aws = bootstrap.aws().staticCredentials().orElseThrow();
      // The API's port is chosen first: the console it serves uploads to the bucket from that origin.
      int apiPort = settings.apiPort() == 0 ? FreePorts.find() : settings.apiPort();
      String consoleOrigin = "http://" + settings.host() + ":" + apiPort;
      b.s3Server = b.keep(LocalS3.start(settings.host(), settings.s3Port(), new LocalS3.Options(
          bootstrap.attachments().bucket(), bootstrap.aws().region(), b.queues.attachmentChecks(),
          aws.accessKeyId(), aws.secretAccessKey(),
          env.get(CORS_ALLOWED_ORIGINS) + "," + consoleOrigin,
          settings.dataDirectory() == null ? null : settings.dataDirectory().resolve("s3")), settings.env()));
      env.put(AWS_ENDPOINT_URL_S3, b.s3Server.endpoint().toString());
      // The WebSocket API's ports are chosen first: the functions' settings name them.
      int webSocketPort = settings.webSocketPort() == 0 ? FreePorts.find() : settings.webSocketPort();
      int managementPort = FreePorts.find();
      env.put(REALTIME_URL, "ws://" + settings.host() + ":" + webSocketPort);
      env.put(REALTIME_ENDPOINT, "http://" + settings.host() + ":" + managementPort);
      b.config = SupportConfig.from(env);
      b.webSockets = b.keep(LocalWebSockets.start(settings.host(), webSocketPort, managementPort,
          new WebSocketHandler(LiveUpdatesWiring.realtime(b.config))));

      // SES's inbound side: mail for the inbound domain is stored and announced as its receipt rule does.
      b.smtp = b.keep(LocalSmtp.start(settings.host(), settings.smtpPort(),
          b.config.email().replyAddresses().orElseThrow().domain(),
          new LocalSesReceipt(b.keep(S3Clients.client(b.config)), b.config.attachments().bucket(), b.sqs,
              b.queues.url(SupportQueues.INBOUND_MAIL), bootstrap.aws().region())));

      startPollers(b, bootstrap.aws().region(), settings.queuePollers());
      LocalConsole console = new LocalConsole(b.config.jwt().requireSecret(),
          env.get(REALTIME_URL) + " " + b.s3Server.endpoint());
      b.api = b.keep(LambdaHttpServer.start(settings.host(), apiPort,
          LocalFunctions.http(b.config).withConsole(console)));
      return new LocalSystem(b);
    } catch (RuntimeException failure) {
      closeAll(b.resources, failure);
      throw failure;
    }
  }

  /**
   * Drives each catalogue function's streams and queues as Lambda's event source mappings would.
   * A function's streams share one handler; each queue poller has its own, as each Lambda
   * execution environment has its own instance. (The HTTP and WebSocket servers drive the others.)
   */
  private static void startPollers(Builder b, String region, int queuePollers) {
    // Streams are read here, not by a function (on AWS, Lambda's event source mapping reads them).
    DynamoDbStreamsClient streams = b.keep(AwsClients.standard(
        DynamoDbStreamsClient.builder(), b.config.aws(), Optional.of(b.dynamoDbServer.endpoint())).build());
    List<Runnable> pollers = LocalFunctions.pollers(b.config, streams, b.dynamoDb, b.sqs, b.queues, region,
        queuePollers);
    for (Runnable poller : pollers) {
      Thread thread = new Thread(poller, "poller-" + pollers.indexOf(poller));
      thread.setDaemon(true);
      thread.start();
      b.keep(() -> {
        if (poller instanceof StreamPoller stream) {
          stream.stop();
        } else if (poller instanceof ScheduledFiring firing) {
          firing.stop();
        } else {
          ((SqsPoller) poller).stop();
        }
        thread.join(3_000);
      });
    }
  }

  public URI apiUrl() {
    return URI.create("http://" + host + ":" + api.port());
  }

  public URI dynamoDbEndpoint() {
    return dynamoDbServer.endpoint();
  }

  public URI sqsEndpoint() {
    return sqsServer.endpoint();
  }

  /** The SES stand-in: its page lists every email sent, {@code /store} returns them as JSON. */
  public URI sesEndpoint() {
    return sesServer.endpoint();
  }

  /** Where WebSocket clients connect ({@code ws://host:port}). */
  public URI webSocketUrl() {
    return webSockets.url();
  }

  /** The SMTP server replies by email go to (mail for the inbound domain only). */
  public int smtpPort() {
    return smtp.port();
  }

  /** The S3 stand-in (path-style: {@code <endpoint>/<bucket>/<key>}). */
  public URI s3Endpoint() {
    return s3Server.endpoint();
  }

  /** Takes the SES stand-in down (fault tests): sends fail until {@link #startEmail()}. */
  void stopEmail() {
    sesServer.close();
  }

  /** Brings the SES stand-in back on the same port (its list of sent emails starts empty). */
  void startEmail() {
    sesServer = LocalSes.start(host, sesServer.endpoint().getPort(), Map.of());
    resources.push(sesServer);
  }

  public LocalQueues.QueueUrls queues() {
    return queues;
  }

  public SupportConfig config() {
    return config;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public SqsClient sqs() {
    return sqs;
  }

  /** A fresh token for a demo user ({@code demo-user}, {@code demo-user-2}, {@code demo-admin}). */
  public String tokenFor(String userId) {
    return DemoUsers.ALL.stream()
        .filter(u -> u.userId().equals(userId))
        .findFirst()
        .map(u -> DemoUsers.token(u, config.jwt().requireSecret(), java.time.Instant.now()))
        .orElseThrow(() -> new IllegalArgumentException("no demo user " + userId));
  }

  @Override
  public void close() {
    closeAll(resources, null);
  }

  private static void closeAll(Deque<AutoCloseable> resources, RuntimeException cause) {
    RuntimeException failure = cause;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("the local system did not stop cleanly", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null && failure != cause) {
      throw failure;
    }
  }
}
