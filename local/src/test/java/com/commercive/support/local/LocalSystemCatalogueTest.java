package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.EventSource;
import com.commercive.support.resources.FunctionEntry;
import org.junit.jupiter.api.Test;

/** The local runner drives every function of the catalogue that reads a stream or a queue. */
class LocalSystemCatalogueTest {
  @Test
  void everyStreamQueueOrHttpFunctionHasALocalHandlerOfItsKindAndNoOtherHasOne() {
    for (FunctionEntry fn : Catalogue.FUNCTIONS) {
      boolean readsStreams = fn.eventSources().stream().anyMatch(EventSource.TableStream.class::isInstance);
      boolean readsQueues = fn.eventSources().stream().anyMatch(EventSource.QueueMessages.class::isInstance);
      boolean servesHttp = fn.eventSources().stream().anyMatch(
          source -> source.equals(EventSource.HTTP_REQUESTS) || source instanceof EventSource.HttpRoute);
      assertThat(LocalFunctions.STREAM_HANDLERS.containsKey(fn)).as(fn.id() + " reads streams").isEqualTo(readsStreams);
      assertThat(LocalFunctions.QUEUE_HANDLERS.containsKey(fn)).as(fn.id() + " reads queues").isEqualTo(readsQueues);
      assertThat(LocalFunctions.HTTP_HANDLERS.containsKey(fn)).as(fn.id() + " serves HTTP").isEqualTo(servesHttp);
    }
  }

  @Test
  void everyCataloguedHandlerClassIsALambdaHandlerOnTheClassPath() {
    // The stack names handlers by string: a renamed class would deploy and fail at its first call.
    for (FunctionEntry fn : Catalogue.FUNCTIONS) {
      assertThat(com.amazonaws.services.lambda.runtime.RequestHandler.class).as(fn.id())
          .isAssignableFrom(classOf(fn));
    }
  }

  private static Class<?> classOf(FunctionEntry fn) {
    try {
      return Class.forName(fn.handlerClass());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(fn.id() + "'s handler class " + fn.handlerClass() + " is not on the class path", e);
    }
  }
}
