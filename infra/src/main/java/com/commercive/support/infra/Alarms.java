package com.commercive.support.infra;

import com.commercive.support.resources.Catalogue;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Operations: anything in a dead-letter queue, work waiting minutes in a queue, a lagging stream,
 * any function's errors and throttles (the sweep's among them), tickets running late, each an
 * alarm on one topic (mailed to {@code alarmEmail} when set).
 */
final class Alarms extends StackPart {
  /** A consumed queue whose oldest message is this old (seconds) is minutes behind: emails go out late. */
  static final int OLDEST_MESSAGE_AGE_SECONDS = 300;

  private final Topic topic;

  Alarms(Construct scope, InfraConfig config, Messaging messaging, Functions functions) {
    super(scope, "Alarms");
    topic = Topic.Builder.create(this, "Alarms").displayName("Commercive Support alarms").enforceSsl(true).build();
    if (!config.alarmEmail().isBlank()) {
      topic.addSubscription(new EmailSubscription(config.alarmEmail()));
    }
    MetricOptions maximumPerMinute = MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build();
    for (QueueWithDeadLetterQueue queue : messaging.all()) {
      alarm(queue.deadLetters().getNode().getId() + "Depth",
          queue.deadLetters().metricApproximateNumberOfMessagesVisible(maximumPerMinute), 1);
    }
    messaging.queues().forEach((entry, queue) -> Catalogue.consumerOf(entry).ifPresent(consumer ->
        alarm(entry.id() + "OldestMessageAge",
            queue.queue().metricApproximateAgeOfOldestMessage(maximumPerMinute), OLDEST_MESSAGE_AGE_SECONDS)));
    alarm("StreamIteratorAge", functions.function(Catalogue.STREAM_PROCESSOR).metric("IteratorAge", maximumPerMinute),
        60_000);
    MetricOptions sumPerFiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).build();
    // A ticket ran late: the sweep counts each breach it marks (its embedded metrics).
    alarm("SlaBreaches", new Metric(MetricProps.builder().namespace(Functions.METRICS_NAMESPACE)
        .metricName("SlaBreaches").statistic("Sum").period(Duration.minutes(5)).build()), 1);
    for (Function fn : functions.functions().values()) {
      String name = fn.getNode().getId();
      alarm(name + "Errors", fn.metricErrors(sumPerFiveMinutes), 1);
      alarm(name + "Throttles", fn.metricThrottles(sumPerFiveMinutes), 1);
    }
  }

  private void alarm(String id, IMetric metric, double threshold) {
    Alarm alarm = Alarm.Builder.create(this, id + "Alarm").metric(metric).threshold(threshold)
        .evaluationPeriods(1).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING).build();
    alarm.addAlarmAction(new SnsAction(topic));
  }
}
