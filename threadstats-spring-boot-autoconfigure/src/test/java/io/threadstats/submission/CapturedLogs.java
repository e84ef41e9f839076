package io.threadstats.submission;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Everything the delivery package logs while open, at every level, with arguments and stack traces. */
final class CapturedLogs implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.threadstats.submission");

	private final Level previousLevel = this.logger.getLevel();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	CapturedLogs() {
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setLevel(Level.DEBUG);
	}

	/** Formatted messages at {@code level}. */
	List<String> at(Level level) {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	/** Every line as a reader of the log would see it, stack traces included. */
	String everything() {
		StringBuilder text = new StringBuilder();
		for (ILoggingEvent event : this.appender.list) {
			text.append(event.getLevel()).append(' ').append(event.getFormattedMessage()).append('\n');
			for (var proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
				text.append(proxy.getClassName()).append(": ").append(proxy.getMessage()).append('\n');
			}
		}
		return text.toString();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.previousLevel);
	}

}
