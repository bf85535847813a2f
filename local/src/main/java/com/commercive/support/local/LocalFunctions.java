package com.commercive.support.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.commercive.support.airesponse.AiResponseHandler;
import com.commercive.support.airesponse.AiResponseWiring;
import com.commercive.support.aiworker.AiWorkerHandler;
import com.commercive.support.aiworker.AiWorkerWiring;
import com.commercive.support.api.ApiHandler;
import com.commercive.support.api.ApiWiring;
import com.commercive.support.attachmentchecker.AttachmentCheckerHandler;
import com.commercive.support.attachmentchecker.AttachmentCheckerWiring;
import com.commercive.support.attachmentchecker.AttachmentExpiryHandler;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.inbound.InboundEmailHandler;
import com.commercive.support.inbound.InboundEmailWiring;
import com.commercive.support.lambda.metrics.EmbeddedMetrics;
import com.commercive.support.liveupdates.StreamPushHandler;
import com.commercive.support.liveupdates.StreamPushWiring;
import com.commercive.support.notifier.NotifierHandler;
import com.commercive.support.notifier.NotifierWiring;
import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.EventSource;
import com.commercive.support.resources.FunctionEntry;
import com.commercive.support.streamprocessor.StreamProcessorHandler;
import com.commercive.support.standins.LocalQueues;
import com.commercive.support.streamprocessor.StreamProcessorWiring;
import com.commercive.support.streamprocessor.SweepHandler;
import java.time.Clock;
import com.commercive.support.store.s3.S3Clients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The catalogue's functions on this machine: each one's handler, built from the local settings
 * through its function's wiring as Lambda builds it, behind the server or poller that plays its
 * event source (the HTTP API's routes, a table's stream, a queue). A catalogue function without a
 * handler here stops the start, naming it.
 */
final class LocalFunctions {
  /** The handlers of the catalogue's HTTP functions. */
  static final Map<FunctionEntry, Function<SupportConfig,
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>> HTTP_HANDLERS = Map.of(
          Catalogue.API, config -> new ApiHandler(ApiWiring.from(config)),
          Catalogue.AI_RESPONSE, config -> new AiResponseHandler(AiResponseWiring.from(config)));
  /** The handlers of the catalogue's stream-reading functions. */
  static final Map<FunctionEntry, Function<SupportConfig,
      RequestHandler<DynamodbEvent, StreamsEventResponse>>> STREAM_HANDLERS = Map.of(
          Catalogue.STREAM_PROCESSOR, config -> new StreamProcessorHandler(StreamProcessorWiring.from(config)),
          Catalogue.ATTACHMENT_EXPIRER, config -> new AttachmentExpiryHandler(AttachmentCheckerWiring.check(config)),
          Catalogue.LIVE_UPDATES, config -> new StreamPushHandler(StreamPushWiring.from(config)));
  /** The handlers of the catalogue's scheduled functions. */
  static final Map<FunctionEntry, Function<SupportConfig, RequestHandler<ScheduledEvent, ?>>> SCHEDULED_HANDLERS =
      Map.of(Catalogue.SWEEP, config -> new SweepHandler(StreamProcessorWiring.sweep(config), config.metrics().namespace(),
          Clock.systemUTC(), System.out));
  /** The handlers of the catalogue's queue-consuming functions. */
  static final Map<FunctionEntry, Function<SupportConfig,
      RequestHandler<SQSEvent, SQSBatchResponse>>> QUEUE_HANDLERS = Map.of(
          Catalogue.AI_WORKER, config -> new AiWorkerHandler(AiWorkerWiring.autoReplies(config)),
          Catalogue.NOTIFIER, config -> new NotifierHandler(NotifierWiring.notifications(config)),
          Catalogue.ATTACHMENT_CHECKER, config -> new AttachmentCheckerHandler(AttachmentCheckerWiring.check(config)),
          Catalogue.INBOUND_EMAIL, config -> new InboundEmailHandler(InboundEmailWiring.service(config).orElse(null),
              new EmbeddedMetrics(config.metrics().namespace(), Clock.systemUTC(), System.out)));

  private LocalFunctions() {}

  /** The HTTP API's functions as the stack routes them: each own route to its function, the rest to one. */
  static LambdaHttpServer.Routes http(SupportConfig config) {
    LambdaHttpServer.Function fallback = null;
    Map<String, LambdaHttpServer.Function> routes = new HashMap<>();
    for (FunctionEntry fn : Catalogue.FUNCTIONS) {
      for (EventSource source : fn.eventSources()) {
        if (source.equals(EventSource.HTTP_REQUESTS)) {
          fallback = new LambdaHttpServer.Function(fn.name(), handlerOf(HTTP_HANDLERS, fn).apply(config));
        } else if (source instanceof EventSource.HttpRoute route) {
          routes.put(route.key(), new LambdaHttpServer.Function(fn.name(), handlerOf(HTTP_HANDLERS, fn).apply(config)));
        }
      }
    }
    if (fallback == null) {
      throw new IllegalStateException("no catalogue function takes the HTTP API's requests");
    }
    return new LambdaHttpServer.Routes(fallback, routes);
  }

  /**
   * Each catalogue function's streams and queues driven as Lambda's event source mappings would:
   * a function's streams share one handler; each queue poller has its own, as each Lambda
   * execution environment has its own instance.
   */
  static List<Runnable> pollers(SupportConfig config, DynamoDbStreamsClient streams, DynamoDbClient dynamoDb,
      SqsClient sqs, LocalQueues.QueueUrls queues, String region, int queuePollers) {
    List<Runnable> pollers = new ArrayList<>();
    StreamPositions positions = StreamPositions.open(dynamoDb);
    for (FunctionEntry fn : Catalogue.FUNCTIONS) {
      for (EventSource source : fn.eventSources()) {
        if (source instanceof EventSource.Scheduled) {
          // Locally every schedule fires at the sweep's interval (SWEEP_INTERVAL_SECONDS).
          pollers.add(new ScheduledFiring(fn.name(), handlerOf(SCHEDULED_HANDLERS, fn).apply(config),
              config.serviceLevels().sweepInterval()));
        }
      }
      RequestHandler<DynamodbEvent, StreamsEventResponse> handler = null;
      for (EventSource source : fn.eventSources()) {
        if (source instanceof EventSource.TableStream stream) {
          // Every change reaches the function, the expirer's too: it ignores what is not an expiry.
          handler = handler != null ? handler : handlerOf(STREAM_HANDLERS, fn).apply(config);
          String table = config.tables().nameOf(stream.table().spec());
          String arn = dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn();
          pollers.add(new StreamPoller(streams, arn, fn.name(), handler, sqs, queues.streamFailures(), region,
              positions, queuesEmpty(sqs, queues, fn)));
        }
      }
    }
    for (int i = 0; i < queuePollers; i++) {
      for (FunctionEntry fn : Catalogue.FUNCTIONS) {
        for (EventSource source : fn.eventSources()) {
          if (source instanceof EventSource.QueueMessages messages) {
            pollers.add(new SqsPoller(sqs, queues.url(messages.queue().spec()), fn.name(),
                queueHandler(fn, config, sqs, queues)));
          }
        }
      }
    }
    return pollers;
  }

  /**
   * A queue function's handler; with malware scanning on, the checker's notifications also reach
   * the scanner stand-in, as the bucket's uploads reach GuardDuty on AWS.
   */
  private static RequestHandler<SQSEvent, SQSBatchResponse> queueHandler(FunctionEntry fn, SupportConfig config,
      SqsClient sqs, LocalQueues.QueueUrls queues) {
    RequestHandler<SQSEvent, SQSBatchResponse> handler = handlerOf(QUEUE_HANDLERS, fn).apply(config);
    if (fn.equals(Catalogue.ATTACHMENT_CHECKER) && config.attachments().policy().malwareScan()) {
      return new LocalMalwareScanner(handler, new LocalMalwareScan(S3Clients.client(config),
          config.attachments().bucket(), sqs, queues.attachmentChecks()));
    }
    return handler;
  }

  /**
   * Whether the queues {@code fn} puts work on (those whose URL it is given) hold nothing, waiting
   * or in flight: then all it queued so far is done. Always true for a function that queues nothing.
   */
  static BooleanSupplier queuesEmpty(SqsClient sqs, LocalQueues.QueueUrls queues, FunctionEntry fn) {
    List<String> fed = Catalogue.QUEUES.stream()
        .filter(q -> q.urlVariable().isPresent() && fn.variables().contains(q.urlVariable().get()))
        .map(q -> queues.url(q.spec())).toList();
    return () -> {
      try {
        for (String url : fed) {
          Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
          if (counts.values().stream().anyMatch(count -> !"0".equals(count))) {
            return false;
          }
        }
        return true;
      } catch (RuntimeException unknown) {
        return false; // the queues cannot be read (stopping): nothing is known to be done
      }
    };
  }

  private static <H> Function<SupportConfig, H> handlerOf(
      Map<FunctionEntry, Function<SupportConfig, H>> handlers, FunctionEntry fn) {
    var handler = handlers.get(fn);
    if (handler == null) {
      throw new IllegalStateException("the local runner has no handler for " + fn.id() + ": add it to LocalFunctions");
    }
    return handler;
  }
}
