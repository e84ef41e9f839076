package io.threadstats.annotation;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;

import io.threadstats.MetricRecorder;

/**
 * One annotated method, resolved once: its metric name, kind, constant tags, argument
 * tags and return shape, and the pre-resolved handles its calls record through.
 *
 * <p>
 * Handles are kept per combination of {@link MetricTag} argument values, for at most
 * {@value #MAX_CACHED_ARGUMENT_COMBINATIONS} combinations: argument values vary per call,
 * and a handle per value is what keeps the per-call cost to a map lookup. Beyond the
 * bound a call records through {@link MetricRecorder#record} with tags built for it: the
 * same points, one engine lookup more, and no memory growing with the values an argument
 * takes.
 */
final class MeteredMethod {

	/** Handle sets kept per method for distinct {@link MetricTag} value combinations. */
	static final int MAX_CACHED_ARGUMENT_COMBINATIONS = 1000;

	/** Handles kept per combination for distinct failure types. */
	static final int MAX_CACHED_FAILURE_TYPES = 32;

	private static final String RESULT_SUCCESS = "result:success";

	private static final String RESULT_FAILURE = "result:failure";

	private final MetricRecorder recorder;

	private final MetricSpec spec;

	private final String metricName;

	private final String description;

	private final String[] fixedTags;

	private final ArgumentTags argumentTags;

	private final ReturnShape returnShape;

	private final OutcomeHandles withoutArgumentTags;

	private final ConcurrentHashMap<Object, OutcomeHandles> byArgumentValues;

	private final AtomicInteger cachedArgumentCombinations = new AtomicInteger();

	private final AtomicBoolean failureLogged = new AtomicBoolean();

	/**
	 * @param recorder where points go
	 * @param spec what the annotation asks for
	 * @param description the method, for log messages
	 * @param fixedTags the tags every call carries
	 * @param argumentTags the argument tags, or {@code null} for none
	 * @param returnShape when a call is over
	 */
	MeteredMethod(MetricRecorder recorder, MetricSpec spec, String description, String[] fixedTags,
			ArgumentTags argumentTags, ReturnShape returnShape) {
		this.recorder = recorder;
		this.spec = spec;
		this.metricName = spec.effectiveMetricName();
		this.description = description;
		this.fixedTags = fixedTags.clone();
		this.argumentTags = argumentTags;
		this.returnShape = returnShape;
		this.withoutArgumentTags = (argumentTags != null) ? null : new OutcomeHandles(this, this.fixedTags, true);
		this.byArgumentValues = (argumentTags != null) ? new ConcurrentHashMap<>() : null;
	}

	/**
	 * The handles for a call with these arguments, which are read only if the method has
	 * argument tags.
	 */
	OutcomeHandles handlesFor(Object[] arguments) {
		if (this.argumentTags == null) {
			return this.withoutArgumentTags;
		}
		Object values = this.argumentTags.valuesOf(arguments);
		OutcomeHandles handles = this.byArgumentValues.get(values);
		if (handles != null) {
			return handles;
		}
		if (this.cachedArgumentCombinations.get() >= MAX_CACHED_ARGUMENT_COMBINATIONS) {
			return new OutcomeHandles(this, withArgumentTags(values), false);
		}
		return this.byArgumentValues.computeIfAbsent(values, (key) -> {
			this.cachedArgumentCombinations.incrementAndGet();
			return new OutcomeHandles(this, withArgumentTags(key), true);
		});
	}

	private String[] withArgumentTags(Object values) {
		String[] argumentTagValues = this.argumentTags.tagsFor(values);
		String[] tags = Arrays.copyOf(this.fixedTags, this.fixedTags.length + argumentTagValues.length);
		System.arraycopy(argumentTagValues, 0, tags, this.fixedTags.length, argumentTagValues.length);
		return tags;
	}

	/**
	 * The tags of one outcome: {@code tags} plus {@code exception} and, for counts,
	 * {@code result}.
	 */
	String[] outcomeTags(String[] tags, Class<? extends Throwable> failureType) {
		int extra = this.spec.tagsResult() ? 2 : 1;
		String[] outcomeTags = Arrays.copyOf(tags, tags.length + extra);
		outcomeTags[tags.length] = MethodTags.of("exception", FailureType.tagValue(failureType));
		if (this.spec.tagsResult()) {
			outcomeTags[tags.length + 1] = (failureType != null) ? RESULT_FAILURE : RESULT_SUCCESS;
		}
		return outcomeTags;
	}

	/** A pre-resolved handle for one outcome's tags. */
	DoubleConsumer resolve(String[] outcomeTags) {
		return switch (this.spec.kind()) {
			case COUNTER -> this.recorder.counter(this.metricName, outcomeTags)::increment;
			case DISTRIBUTION -> this.recorder.distributionRecorder(this.metricName, outcomeTags)::record;
			default -> this.recorder.histogramRecorder(this.metricName, outcomeTags)::record;
		};
	}

	/** Records without a handle, for outcomes beyond the cache bounds. */
	void recordUnresolved(double value, String[] outcomeTags) {
		this.recorder.record(this.spec.kind(), this.metricName, value, MetricRecorder.NOW, outcomeTags);
	}

	/** The value one call records: its duration in milliseconds, or 1 for a count. */
	double valueOf(long startNanos, long endNanos) {
		return this.spec.measuresTime() ? (endNanos - startNanos) / 1_000_000.0 : 1;
	}

	boolean measuresTime() {
		return this.spec.measuresTime();
	}

	boolean recordsSuccess() {
		return this.spec.recordsSuccess();
	}

	ReturnShape returnShape() {
		return this.returnShape;
	}

	/** The method, as {@code com.example.Type.method}, for log messages. */
	String description() {
		return this.description;
	}

	/**
	 * Whether this is the first failure to record this method's calls (which is then
	 * logged in full).
	 */
	boolean firstFailure() {
		return !this.failureLogged.get() && this.failureLogged.compareAndSet(false, true);
	}

	/** The metric name, for log messages. */
	String metricName() {
		return this.metricName;
	}

}
