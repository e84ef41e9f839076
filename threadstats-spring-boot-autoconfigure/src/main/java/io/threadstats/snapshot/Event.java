package io.threadstats.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An event for Datadog's events API. Built by application code with
 * {@link #builder(String, String)} and queued with {@code ThreadStats.event(Event)};
 * sent, one per request, at the next flush.
 *
 * <p>
 * Fields other than title, text and tags may be {@code null}, meaning "leave the key
 * out". Building never throws: the recording side applies the API's rules when the event
 * is queued (a blank title, a null text, or a tag that is null or does not start with a
 * letter rejects the event, counted; tags are normalised like series tags; title and text
 * are cut to 4,000 characters, the aggregation key to 100), and the events in a flush are
 * the result.
 *
 * @param title the title (required)
 * @param text the body text (required)
 * @param alertType the alert type, or {@code null}
 * @param aggregationKey the aggregation key, or {@code null}
 * @param sourceTypeName the source type name, or {@code null}
 * @param dateHappened when it happened, or {@code null} for "when it was queued"
 * @param priority the priority, or {@code null}
 * @param tags the event's tags: as given when built; in a flush, normalised, distinct and
 * sorted, followed by the constant tags not among them
 * @param host the host name, or {@code null} for the configured one
 */
public record Event(String title, String text, AlertType alertType, String aggregationKey, String sourceTypeName,
		Instant dateHappened, EventPriority priority, List<String> tags, String host) {

	public Event {
		// kept as given, nulls included: the recording side rejects a null tag (counted),
		// this never throws
		tags = (tags != null) ? Collections.unmodifiableList(new ArrayList<>(tags)) : List.of();
	}

	/** Starts an event with its required title and text. */
	public static Builder builder(String title, String text) {
		return new Builder(title, text);
	}

	/** Builds an {@link Event}. */
	public static final class Builder {

		private final String title;

		private final String text;

		private AlertType alertType;

		private String aggregationKey;

		private String sourceTypeName;

		private Instant dateHappened;

		private EventPriority priority;

		private final List<String> tags = new ArrayList<>();

		private String host;

		private Builder(String title, String text) {
			this.title = title;
			this.text = text;
		}

		public Builder alertType(AlertType alertType) {
			this.alertType = alertType;
			return this;
		}

		public Builder aggregationKey(String aggregationKey) {
			this.aggregationKey = aggregationKey;
			return this;
		}

		public Builder sourceTypeName(String sourceTypeName) {
			this.sourceTypeName = sourceTypeName;
			return this;
		}

		public Builder dateHappened(Instant dateHappened) {
			this.dateHappened = dateHappened;
			return this;
		}

		public Builder priority(EventPriority priority) {
			this.priority = priority;
			return this;
		}

		/**
		 * Adds tags ({@code null} adds none); they are normalised like series tags when
		 * queued.
		 */
		public Builder tags(String... tags) {
			if (tags != null) {
				this.tags.addAll(Arrays.asList(tags));
			}
			return this;
		}

		public Builder host(String host) {
			this.host = host;
			return this;
		}

		public Event build() {
			return new Event(this.title, this.text, this.alertType, this.aggregationKey, this.sourceTypeName,
					this.dateHappened, this.priority, this.tags, this.host);
		}

	}

}
