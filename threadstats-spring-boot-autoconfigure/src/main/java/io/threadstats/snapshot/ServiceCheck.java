package io.threadstats.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A service check for Datadog's check_run API, queued with
 * {@code ThreadStats.serviceCheck(...)} and sent at the next flush. Building never
 * throws: the recording side applies the rules when the check is queued (a blank name, no
 * status, or a tag that is null or does not start with a letter rejects it, counted; tags
 * are normalised like series tags; the message is cut to 4,000 characters).
 *
 * @param check the check name
 * @param status the status
 * @param timestamp when it was checked, or {@code null} for "when it was queued"
 * @param message a message, or {@code null}
 * @param tags the check's tags: as given when built; in a flush, normalised, distinct and
 * sorted, followed by the constant tags not among them
 * @param host the host name, or {@code null} for the configured one
 */
public record ServiceCheck(String check, CheckStatus status, Instant timestamp, String message, List<String> tags,
		String host) {

	public ServiceCheck {
		// kept as given, nulls included: the recording side rejects a null tag (counted),
		// this never throws
		tags = (tags != null) ? Collections.unmodifiableList(new ArrayList<>(tags)) : List.of();
	}

	/** Starts a service check with its name and status. */
	public static Builder builder(String check, CheckStatus status) {
		return new Builder(check, status);
	}

	/** Builds a {@link ServiceCheck}. */
	public static final class Builder {

		private final String check;

		private final CheckStatus status;

		private Instant timestamp;

		private String message;

		private final List<String> tags = new ArrayList<>();

		private String host;

		private Builder(String check, CheckStatus status) {
			this.check = check;
			this.status = status;
		}

		public Builder timestamp(Instant timestamp) {
			this.timestamp = timestamp;
			return this;
		}

		public Builder message(String message) {
			this.message = message;
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

		public ServiceCheck build() {
			return new ServiceCheck(this.check, this.status, this.timestamp, this.message, this.tags, this.host);
		}

	}

}
