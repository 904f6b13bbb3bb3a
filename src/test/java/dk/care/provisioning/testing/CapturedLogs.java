package dk.care.provisioning.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the JVM while open, rendered in full (message, MDC, key-value pairs, stack
 * traces with causes), with chosen loggers lowered to DEBUG; levels are restored on close.
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
    private final Logger root;
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            events.add(render(event));
        }
    };

    private CapturedLogs(List<String> debugLoggers) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (String name : debugLoggers) {
            Logger logger = context.getLogger(name);
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        appender.setContext(context);
        appender.setName("captured-logs");
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing, with the named loggers (and their children) at DEBUG. */
    public static CapturedLogs start(String... debugLoggers) {
        return new CapturedLogs(List.of(debugLoggers));
    }

    /** Every event captured so far, one rendered string each. */
    public List<String> events() {
        return new ArrayList<>(events);
    }

    private static String render(ILoggingEvent event) {
        var text = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                .append(event.getThreadName()).append(' ').append(event.getFormattedMessage());
        if (!event.getMDCPropertyMap().isEmpty()) {
            text.append(' ').append(event.getMDCPropertyMap());
        }
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> text.append(' ').append(pair.key).append('=').append(pair.value));
        }
        if (event.getThrowableProxy() != null) {
            text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return text.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        previousLevels.forEach(Logger::setLevel);
    }
}
