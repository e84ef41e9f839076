package io.threadstats.annotation;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed call is tagged with: the thrown type, seen through the wrappers futures
 * add.
 */
final class FailureType {

	/** The {@code exception} tag value of a call that did not fail. */
	static final String NONE = "none";

	private FailureType() {
	}

	/**
	 * The type a failure is reported as: the cause's for the {@link CompletionException}
	 * and {@link ExecutionException} that futures wrap failures in, the failure's own
	 * otherwise; {@code null} for no failure.
	 */
	static Class<? extends Throwable> of(Throwable failure) {
		if (failure == null) {
			return null;
		}
		Throwable reported = failure;
		while ((reported instanceof CompletionException || reported instanceof ExecutionException)
				&& reported.getCause() != null) {
			reported = reported.getCause();
		}
		return reported.getClass();
	}

	/**
	 * The {@code exception} tag value for a failure type: its simple name (Micrometer's
	 * choice), or the full name for an anonymous class, whose simple name is empty.
	 */
	static String tagValue(Class<? extends Throwable> failureType) {
		if (failureType == null) {
			return NONE;
		}
		String simpleName = failureType.getSimpleName();
		return simpleName.isEmpty() ? failureType.getName() : simpleName;
	}

}
