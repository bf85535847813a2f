package com.commercive.support.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import com.commercive.support.config.LogSettings;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import org.slf4j.Logger;

/**
 * Every function's logging: one JSON object per line on standard output (what CloudWatch Logs
 * and Logs Insights read), with the invocation's keys from {@link InvocationLogContext} and each
 * line's SLF4J key-value pairs as top-level fields. Configured in code, found by logback through
 * {@code META-INF/services}, so start-up parses no XML: logback with this encoder reaches its
 * first line in about a fifth of the time Powertools' log4j layout took (docs/performance.md).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class JsonLogConfigurator extends ContextAwareBase implements Configurator {
  static final String APPLICATION_LOGGERS = "com.commercive.support";
  static final int MAX_STACK_FRAMES = 30;

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LogSettings settings = LogSettings.from(System.getenv());

    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    LogstashFieldNames names = encoder.getFieldNames();
    names.setTimestamp("timestamp");
    names.setLogger("logger");
    names.setVersion(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
    names.setLevelValue(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
    names.setThread(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
    encoder.setTimestampPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    encoder.setTimeZone("UTC");
    encoder.setIncludeContext(false);
    // Enough frames to find the fault, not a whole framework's call stack per line.
    ShortenedThrowableConverter stackTraces = new ShortenedThrowableConverter();
    stackTraces.setMaxDepthPerThrowable(MAX_STACK_FRAMES);
    encoder.setThrowableConverter(stackTraces);
    settings.serviceName().ifPresent(service -> encoder.setCustomFields(serviceField(service)));
    encoder.start();

    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("json");
    appender.setEncoder(encoder);
    appender.start();

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    context.getLogger(APPLICATION_LOGGERS).setLevel(Level.toLevel(settings.level(), Level.INFO));
    // The embedding model's tokenizer library probes for a GPU at start and warns that a CPU-only
    // machine (every Lambda) has none: expected, and not worth a warning in every cold start.
    context.getLogger("ai.djl.util.cuda").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** {@code {"service":"…"}}, the name escaped by Jackson. */
  static String serviceField(String service) {
    return "{\"service\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(service)) + "\"}";
  }
}
