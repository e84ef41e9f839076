package io.threadstats.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.threadstats.MetricRecorder;
import io.threadstats.api.NameRules;
import io.threadstats.api.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.function.SingletonSupplier;

/**
 * Finds the {@link MeteredMethod} of a call: on the first call of a method on a target
 * class it reads the annotation ({@link MeteringAnnotation}: the method's, else its
 * class's) and builds it; later calls get it from a cache, with no reflection.
 *
 * <p>
 * The cache is per target class (a {@link ClassValue}, so it does not keep classes from
 * being unloaded) then per method: the same method can be metered differently on two
 * classes inheriting it with different class-level annotations.
 *
 * @param <A> the annotation type
 */
final class MeteredMethodResolver<A extends Annotation> {

	private static final Logger logger = LoggerFactory.getLogger(MeteredMethodResolver.class);

	/** Cached for methods that are not to be metered, so they are not looked at again. */
	private static final Object NOT_METERED = new Object();

	private final Supplier<? extends MetricRecorder> recorder;

	private final Class<A> annotationType;

	private final Function<A, MetricSpec> specOf;

	private final ClassValue<ConcurrentHashMap<Method, Object>> byTargetClass = new ClassValue<>() {

		@Override
		protected ConcurrentHashMap<Method, Object> computeValue(Class<?> type) {
			return new ConcurrentHashMap<>();
		}

	};

	/**
	 * @param recorder where metered methods record, asked for once, when the first method
	 * is resolved (so that an advisor bean does not make the engine be created while
	 * post-processors are still being set up)
	 * @param annotationType the annotation to look for
	 * @param specOf what an annotation asks for
	 */
	MeteredMethodResolver(Supplier<? extends MetricRecorder> recorder, Class<A> annotationType,
			Function<A, MetricSpec> specOf) {
		this.recorder = SingletonSupplier.of(recorder);
		this.annotationType = annotationType;
		this.specOf = specOf;
	}

	/**
	 * The metered method of a call, or {@code null} if the call is not to be metered (no
	 * annotation found, or the method could not be resolved, which was logged once).
	 * @param method the method called, as the proxy saw it
	 * @param targetClass the class of the object it was called on
	 */
	MeteredMethod resolve(Method method, Class<?> targetClass) {
		ConcurrentHashMap<Method, Object> methods = this.byTargetClass.get(targetClass);
		Object resolved = methods.get(method);
		if (resolved == null) {
			resolved = methods.computeIfAbsent(method, (key) -> resolveSafely(targetClass, key));
		}
		return (resolved != NOT_METERED) ? (MeteredMethod) resolved : null;
	}

	private Object resolveSafely(Class<?> targetClass, Method method) {
		try {
			MeteredMethod metered = resolve(targetClass, method);
			return (metered != null) ? metered : NOT_METERED;
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("Calls of {}.{} are not metered: resolving its @{} failed",
					method.getDeclaringClass().getName(), method.getName(), this.annotationType.getSimpleName(), ex);
			return NOT_METERED;
		}
	}

	private MeteredMethod resolve(Class<?> targetClass, Method method) {
		MeteringAnnotation<A> found = MeteringAnnotation.find(method, targetClass, this.annotationType);
		if (found == null) {
			return null;
		}
		MetricSpec spec = this.specOf.apply(found.annotation());
		String description = method.getDeclaringClass().getName() + "." + method.getName();
		List<String> fixedTags = new ArrayList<>();
		fixedTags.add(MethodTags.of("class", method.getDeclaringClass().getName()));
		fixedTags.add(MethodTags.of("method", method.getName()));
		addExtraTags(spec.extraTags(), fixedTags, description);
		return new MeteredMethod(this.recorder.get(), spec, description, fixedTags.toArray(String[]::new),
				argumentTags(found.implementation(), description), ReturnShape.of(method.getReturnType()));
	}

	private void addExtraTags(String[] extraTags, List<String> tags, String description) {
		if (extraTags.length % 2 != 0) {
			logger.warn(
					"@{} on {} has {} extraTags, which must be key/value pairs: the unpaired last key '{}' is ignored",
					this.annotationType.getSimpleName(), description, extraTags.length,
					extraTags[extraTags.length - 1]);
		}
		for (int i = 0; i + 1 < extraTags.length; i += 2) {
			String tag = extraTags[i] + ':' + extraTags[i + 1];
			NameRules.Normalized normalized = NameRules.tag(tag);
			if (normalized == null) {
				logger.warn(
						"@{} on {} has extra tag '{}', which the engine would refuse with every point ({}): it is left out",
						this.annotationType.getSimpleName(), description, tag, RejectReason.INVALID_TAG.rule());
				continue;
			}
			if (normalized.notice() != null) {
				logger.warn("@{} on {} has extra tag '{}', recorded as '{}': {}", this.annotationType.getSimpleName(),
						description, tag, normalized.value(), normalized.notice());
			}
			tags.add(normalized.value());
		}
	}

	private ArgumentTags argumentTags(Method method, String description) {
		Parameter[] parameters = method.getParameters();
		List<Integer> positions = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < parameters.length; i++) {
			MetricTag metricTag = parameters[i].getAnnotation(MetricTag.class);
			if (metricTag == null) {
				continue;
			}
			String key = metricTag.value().trim();
			if (key.isEmpty()) {
				if (!parameters[i].isNamePresent()) {
					logger.warn(
							"@MetricTag on parameter {} of {} has no key and the parameter's name is unknown "
									+ "(compile with -parameters, or give the key): the tag is left out",
							i, description);
					continue;
				}
				key = parameters[i].getName();
			}
			if (!MethodTags.isValidKey(key)) {
				logger.warn(
						"@MetricTag on parameter {} of {} has key '{}', which the engine would refuse ({}): the tag is left out",
						i, description, key, RejectReason.INVALID_TAG.rule());
				continue;
			}
			positions.add(i);
			keys.add(key);
		}
		if (positions.isEmpty()) {
			return null;
		}
		return new ArgumentTags(positions.stream().mapToInt(Integer::intValue).toArray(), keys.toArray(String[]::new));
	}

}
