package io.threadstats.demo.intake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An event the intake accepted, with Datadog's field names; also the {@code event} echoed
 * in the answer.
 *
 * @param id the id the intake gave it
 * @param title the title
 * @param text the text, cut to 4,000 characters
 * @param dateHappened when it happened, epoch seconds
 * @param priority {@code normal} or {@code low}
 * @param alertType {@code info}, {@code error}, {@code warning}, {@code success},
 * {@code user_update}, {@code recommendation} or {@code snapshot}
 * @param host the host, or {@code null}
 * @param tags the tags, as Datadog normalises them
 * @param aggregationKey the aggregation key, or {@code null}
 * @param sourceTypeName the source type name, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceivedEvent(long id, String title, String text, @JsonProperty("date_happened") long dateHappened,
		String priority, @JsonProperty("alert_type") String alertType, String host, List<String> tags,
		@JsonProperty("aggregation_key") String aggregationKey,
		@JsonProperty("source_type_name") String sourceTypeName) {
}
