package io.threadstats.snapshot;

/** An event's alert type, as Datadog's events API names them. */
public enum AlertType {

	ERROR("error"), WARNING("warning"), INFO("info"), SUCCESS("success"), USER_UPDATE("user_update"),
	RECOMMENDATION("recommendation"), SNAPSHOT("snapshot");

	private final String apiValue;

	AlertType(String apiValue) {
		this.apiValue = apiValue;
	}

	/** The value the events API expects. */
	public String apiValue() {
		return this.apiValue;
	}

}
