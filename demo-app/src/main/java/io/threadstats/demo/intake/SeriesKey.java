package io.threadstats.demo.intake;

import java.util.List;

/**
 * What identifies a series at the intake: its metric name, its tags (sorted, no
 * duplicates) and its host ({@code null} when none was sent).
 *
 * @param metric the metric name, as Datadog normalises it
 * @param tags the tags, normalised, sorted and without duplicates
 * @param host the host name, or {@code null}
 */
public record SeriesKey(String metric, List<String> tags, String host) {

	/** Builds a key, sorting and de-duplicating the tags; a blank host counts as none. */
	public SeriesKey {
		tags = tags.stream().distinct().sorted().toList();
		host = (host == null || host.isBlank()) ? null : host;
	}

}
