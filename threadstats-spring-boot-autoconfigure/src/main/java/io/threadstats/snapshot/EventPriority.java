package io.threadstats.snapshot;

/** An event's priority, as Datadog's events API names them. */
public enum EventPriority {

	NORMAL("normal"), LOW("low");

	private final String apiValue;

	EventPriority(String apiValue) {
		this.apiValue = apiValue;
	}

	/** The value the events API expects. */
	public String apiValue() {
		return this.apiValue;
	}

}
