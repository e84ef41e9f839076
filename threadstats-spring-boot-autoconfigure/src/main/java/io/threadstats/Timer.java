package io.threadstats;

/**
 * A running timer: closing it records the elapsed milliseconds (measured with
 * {@link System#nanoTime()}) into a timing histogram. Meant for try-with-resources;
 * closing it twice records once.
 */
public interface Timer extends AutoCloseable {

	/** Stops the timer and records the elapsed milliseconds, once. */
	@Override
	void close();

}
