package io.threadstats;

import java.time.Instant;

/**
 * A pre-resolved gauge, histogram or distribution: name, tags and host were validated
 * once, so {@link #record(double)} does no lookup.
 */
public interface ValueRecorder {

	/** Records a value now. */
	void record(double value);

	/** Records a value at the given time ({@code null}: now). */
	void record(double value, Instant timestamp);

}
