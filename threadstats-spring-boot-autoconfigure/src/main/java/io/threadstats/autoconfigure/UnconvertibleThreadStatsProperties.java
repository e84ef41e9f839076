package io.threadstats.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.threadstats.autoconfigure.InvalidThreadStatsPropertiesException.InvalidProperty;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionException;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Collects the {@code threadstats.*} values Spring cannot convert at all
 * ({@code flush-interval: soon}) and lets binding go on with the default, so that they
 * are reported in the same single report as the values that break a rule. The settings
 * bean {@link #take() takes} them into that report; if nothing did (threadstats disabled,
 * or a settings bean of the application's own), they fail startup on their own once the
 * singletons are created, since a value that cannot be read is never silently ignored.
 */
final class UnconvertibleThreadStatsProperties
		implements ConfigurationPropertiesBindHandlerAdvisor, SmartInitializingSingleton {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("threadstats");

	private final List<InvalidProperty> found = new ArrayList<>();

	@Override
	public BindHandler apply(BindHandler parent) {
		return new AbstractBindHandler(parent) {

			@Override
			public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Exception error) throws Exception {
				ConfigurationProperty property = context.getConfigurationProperty();
				if (!PREFIX.isAncestorOf(name) || !(error instanceof ConversionException) || property == null) {
					return super.onFailure(name, target, context, error);
				}
				record(new InvalidProperty(name.toString(), String.valueOf(property.getValue()), property.getOrigin(),
						expected(target.getType())));
				return null;
			}

		};
	}

	private void record(InvalidProperty property) {
		if (this.found.stream().noneMatch((known) -> known.name().equals(property.name()))) {
			this.found.add(property);
		}
	}

	/** The values found so far, which are then reported by whoever took them. */
	List<InvalidProperty> take() {
		List<InvalidProperty> taken = List.copyOf(this.found);
		this.found.clear();
		return taken;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<InvalidProperty> unreported = take();
		if (!unreported.isEmpty()) {
			throw new InvalidThreadStatsPropertiesException(unreported);
		}
	}

	/**
	 * What a value of the property's type looks like, in the words of the other rules.
	 */
	static String expected(ResolvableType type) {
		if (type.isArray() || type.asCollection() != ResolvableType.NONE) {
			ResolvableType element = type.isArray() ? type.getComponentType() : type.asCollection().getGeneric();
			return "a comma-separated list, each value " + expected(element);
		}
		Class<?> resolved = ClassUtils.resolvePrimitiveIfNecessary(type.toClass());
		if (resolved == Duration.class) {
			return "a duration such as 10s, 1500ms or 5m";
		}
		if (resolved == DataSize.class) {
			return "a size such as 32MB or 512KB";
		}
		if (resolved == Integer.class || resolved == Long.class) {
			return "a whole number";
		}
		if (resolved == Double.class || resolved == Float.class) {
			return "a number such as 0.95";
		}
		if (resolved == Boolean.class) {
			return "true or false";
		}
		if (resolved.isEnum()) {
			return "one of " + Arrays.stream(resolved.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		return "a value that reads as " + resolved.getSimpleName();
	}

}
