package io.threadstats.submission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * What is logged while open, at every level down to DEBUG, with arguments and stack
 * traces.
 */
final class CapturedLogs implements AutoCloseable {

	private final Logger capturing;

	/** The loggers set to DEBUG while open, with the level each had before. */
	private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	/** What the delivery package logs. */
	CapturedLogs() {
		this("io.threadstats.submission", "io.threadstats.submission");
	}

	private CapturedLogs(String captured, String... debugLoggers) {
		this.capturing = (Logger) LoggerFactory.getLogger(captured);
		for (String name : debugLoggers) {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			this.previousLevels.put(logger, logger.getLevel());
			logger.setLevel(Level.DEBUG);
		}
		this.appender.start();
		this.capturing.addAppender(this.appender);
	}

	/**
	 * What every logger logs, with ours, Reactor Netty's and WebClient's at DEBUG: for
	 * checking that nothing anywhere on the way to the intake writes a secret.
	 */
	static CapturedLogs everywhere() {
		return new CapturedLogs(Logger.ROOT_LOGGER_NAME, "io.threadstats", "reactor.netty", "reactor.core",
				"org.springframework.web.reactive.function.client", "org.springframework.http");
	}

	/** Formatted messages at {@code level}. */
	List<String> at(Level level) {
		return events().stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	/** Lines logged, whatever their level. */
	int lines() {
		return events().size();
	}

	/** Every line as a reader of the log would see it, stack traces included. */
	String everything() {
		StringBuilder text = new StringBuilder();
		for (ILoggingEvent event : events()) {
			text.append(event.getLevel())
				.append(' ')
				.append(event.getLoggerName())
				.append(' ')
				.append(event.getFormattedMessage())
				.append('\n');
			for (var proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
				text.append(proxy.getClassName()).append(": ").append(proxy.getMessage()).append('\n');
				for (var frame : proxy.getStackTraceElementProxyArray()) {
					text.append("\tat ").append(frame.getSTEAsString()).append('\n');
				}
			}
		}
		return text.toString();
	}

	/**
	 * A copy of the events so far: other threads (HTTP resources released in the
	 * background) may still log while a test reads them.
	 */
	private List<ILoggingEvent> events() {
		// the appender appends while holding its own lock
		synchronized (this.appender) {
			return new ArrayList<>(this.appender.list);
		}
	}

	@Override
	public void close() {
		this.capturing.detachAppender(this.appender);
		this.previousLevels.forEach(Logger::setLevel);
	}

}
