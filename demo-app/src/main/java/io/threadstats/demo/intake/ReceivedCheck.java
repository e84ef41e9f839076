package io.threadstats.demo.intake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A service check run the intake accepted, with Datadog's field names.
 *
 * @param check the check's name
 * @param hostName the host, or {@code null}
 * @param status 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
 * @param tags the tags, as Datadog normalises them
 * @param timestamp when it ran, epoch seconds
 * @param message the message, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceivedCheck(String check, @JsonProperty("host_name") String hostName, int status, List<String> tags,
		long timestamp, String message) {

	private static final String[] STATUS_NAMES = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

	/**
	 * The status's name: {@code OK}, {@code WARNING}, {@code CRITICAL} or
	 * {@code UNKNOWN}.
	 */
	@JsonProperty("status_name")
	public String statusName() {
		return STATUS_NAMES[this.status];
	}

}
