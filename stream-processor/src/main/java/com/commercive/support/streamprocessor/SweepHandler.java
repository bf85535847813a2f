package com.commercive.support.streamprocessor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.metrics.EmbeddedMetrics;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.service.SweepTickets;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service-level sweep, fired by its schedule (EventBridge every minute; the local runner's
 * timer): marks late clocks, auto-closes what is due, and counts both in CloudWatch's embedded
 * metric format ({@value #BREACHES_METRIC}, {@value #AUTO_CLOSED_METRIC}) for the stack's alarm.
 * A failed sweep fails the invocation; the next firing sweeps again from the index.
 */
public final class SweepHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {
  static final String BREACHES_METRIC = "SlaBreaches";
  static final String AUTO_CLOSED_METRIC = "TicketsAutoClosed";
  private static final Logger LOG = LoggerFactory.getLogger(SweepHandler.class);

  private final SweepTickets sweep;
  private final EmbeddedMetrics metrics;

  /** What Lambda calls: wires the real adapters from the environment, once per cold start. */
  public SweepHandler() {
    this(SupportConfig.fromEnvironment());
  }

  private SweepHandler(SupportConfig config) {
    this(StreamProcessorWiring.sweep(config), config.metrics().namespace(), Clock.systemUTC(), System.out);
  }

  /** Takes its collaborators ({@code namespace} null: the default): what tests and the local runner use. */
  public SweepHandler(SweepTickets sweep, String namespace, Clock clock, PrintStream metrics) {
    this.sweep = sweep;
    this.metrics = new EmbeddedMetrics(namespace, clock, metrics);
  }

  @Override
  public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
    return InvocationLogContext.around(context, () -> {
      SweepTickets.Swept swept = sweep.sweep();
      LOG.atInfo().addKeyValue("due", swept.due()).addKeyValue("breaches_marked", swept.breachesMarked())
          .addKeyValue("auto_closed", swept.autoClosed()).log("service levels swept");
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put(BREACHES_METRIC, (long) swept.breachesMarked());
      counts.put(AUTO_CLOSED_METRIC, (long) swept.autoClosed());
      metrics.count(Map.of(), counts);
      return Map.of("due", swept.due(), "breaches_marked", swept.breachesMarked(), "auto_closed", swept.autoClosed());
    });
  }
}
