package io.threadstats.submission;

/**
 * Told about every item dropped on the way to the intake, so that none goes uncounted.
 */
@FunctionalInterface
interface DropListener {

	/**
	 * Records dropped items.
	 * @param reason why they were dropped
	 * @param items how many items
	 */
	void dropped(DropReason reason, long items);

}
