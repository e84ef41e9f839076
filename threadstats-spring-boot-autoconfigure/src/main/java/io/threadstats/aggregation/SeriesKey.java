package io.threadstats.aggregation;

import java.util.List;

/**
 * What identifies a series: normalised name, host ({@code null} for none) and tags
 * (normalised, distinct, sorted, so order and duplicates never split a series).
 */
record SeriesKey(String name, String host, List<String> tags) {

	SeriesKey {
		tags = List.copyOf(tags);
	}

}
