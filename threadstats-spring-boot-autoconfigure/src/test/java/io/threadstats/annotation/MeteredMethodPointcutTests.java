package io.threadstats.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.function.Consumer;

import io.threadstats.ThreadStats;
import io.threadstats.autoconfigure.ThreadStatsAnnotationsAutoConfiguration;
import io.threadstats.snapshot.SeriesPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which methods of auto-proxied beans are metered, with class-based proxies (Spring
 * Boot's default) and interface-based ones: only an annotation on the implementation that
 * runs, or on the class declaring it, counts.
 */
class MeteredMethodPointcutTests {

	private final MeteringFixture fixture = new MeteringFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@ParameterizedTest(name = "proxy-target-class={0}")
	@ValueSource(booleans = { true, false })
	@SuppressWarnings("unchecked") // the generic Handler bean, called through its raw
									// type
	void onlyAnnotationsOnTheRunningImplementationOrItsDeclaringClassCount(boolean proxyTargetClass) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AopAutoConfiguration.class, ThreadStatsAnnotationsAutoConfiguration.class))
			.withPropertyValues("spring.aop.proxy-target-class=" + proxyTargetClass)
			.withBean(ThreadStats.class, () -> this.fixture.stats)
			.withBean(ImplementsAnnotatedInterface.class)
			.withBean(ImplementsAnnotatedInterfaceType.class)
			.withBean(ProxiedForOtherReasons.class)
			.withBean(OverridesAnnotatedSuperMethod.class)
			.withBean(InheritsFromAnnotatedType.class)
			.withBean(AnnotatedSubType.class)
			.withBean(ReannotatedSubType.class)
			.withBean(MetaAnnotated.class)
			.withBean(OverridesObjectMethods.class)
			.withBean(AnnotatedTypeWithInterface.class)
			.withBean(StringHandler.class)
			.withBean(AnnotatedTypeImplementsAnnotatedInterface.class)
			.withBean(AnnotatedTypeOverridesAnnotatedSuperMethod.class)
			.withBean(AnnotatedTypeInheritsAnnotatedSuperMethod.class)
			.run((context) -> {
				assertThat(recorded(context, AnnotatedOnInterface.class, AnnotatedOnInterface::call))
					.as("annotated interface method")
					.isEmpty();
				assertThat(recorded(context, AnnotatedInterfaceType.class, AnnotatedInterfaceType::call))
					.as("annotated interface")
					.isEmpty();
				assertThat(AopUtils.isAopProxy(context.getBean(AnnotatedOnAnotherInterface.class))).isTrue();
				assertThat(recorded(context, AnnotatedOnAnotherInterface.class, AnnotatedOnAnotherInterface::call))
					.as("annotated interface method of a bean proxied for another method")
					.isEmpty();
				assertThat(recorded(context, OverridesAnnotatedSuperMethod.class, AnnotatedSuperMethod::call))
					.as("override of an annotated superclass method")
					.isEmpty();
				assertThat(recorded(context, MetaAnnotated.class, MetaAnnotated::call)).as("meta-annotation").isEmpty();
				assertThat(recorded(context, InheritsFromAnnotatedType.class, AnnotatedSuperType::inherited))
					.as("method inherited from an annotated class")
					.containsExactly("super.type");
				assertThat(recorded(context, InheritsFromAnnotatedType.class, InheritsFromAnnotatedType::own))
					.as("own method of a subclass of an annotated class")
					.isEmpty();
				assertThat(recorded(context, AnnotatedSubType.class, PlainSuper::inherited))
					.as("method an annotated class inherits from a plain one")
					.isEmpty();
				assertThat(recorded(context, AnnotatedSubType.class, AnnotatedSubType::own))
					.as("own method of an annotated class")
					.containsExactly("sub.type");
				assertThat(recorded(context, ReannotatedSubType.class, AnnotatedSuperType::inherited))
					.as("the bean class's annotation names what it inherits")
					.containsExactly("sub.type.b");
				assertThat(recorded(context, OverridesObjectMethods.class, Object::toString))
					.as("Object method overridden in an annotated class")
					.containsExactly("objects");
				assertThat(recorded(context, OverridesObjectMethods.class, Object::hashCode))
					.as("Object method not overridden")
					.isEmpty();
				assertThat(recorded(context, PlainInterface.class, PlainInterface::call))
					.as("annotated class called through its interface")
					.containsExactly("annotated.type.iface");
				assertThat(recorded(context, Handler.class, (handler) -> ((Handler<String>) handler).handle("order")))
					.as("generic method called through its bridge")
					.containsExactly("bridge");
				assertThat(recorded(context, AnnotatedOnThirdInterface.class, AnnotatedOnThirdInterface::call))
					.as("annotated class implementing an annotated interface method")
					.containsExactly("class.name");
				assertThat(recorded(context, AnnotatedTypeOverridesAnnotatedSuperMethod.class,
						AnnotatedTypeOverridesAnnotatedSuperMethod::call))
					.as("annotated class overriding an annotated superclass method")
					.containsExactly("class.sub");
				assertThat(
						recorded(context, AnnotatedTypeInheritsAnnotatedSuperMethod.class, AnnotatedSuperMethod::call))
					.as("annotated superclass method inherited by an annotated class")
					.containsExactly("super.method");
			});
	}

	/**
	 * The names of the timers one call of {@code call} on the {@code type} bean recorded
	 * into.
	 */
	private <T> List<String> recorded(AssertableApplicationContext context, Class<T> type, Consumer<? super T> call) {
		this.fixture.flush();
		call.accept(context.getBean(type));
		return this.fixture.flush()
			.series()
			.stream()
			.map(SeriesPoint::metric)
			.filter((metric) -> metric.endsWith(".count"))
			.map((metric) -> metric.substring(0, metric.length() - ".count".length()))
			.toList();
	}

	public interface AnnotatedOnInterface {

		@Timed("iface.method")
		String call();

	}

	public static class ImplementsAnnotatedInterface implements AnnotatedOnInterface {

		@Override
		public String call() {
			return "x";
		}

	}

	@Timed("iface.type")
	public interface AnnotatedInterfaceType {

		String call();

	}

	public static class ImplementsAnnotatedInterfaceType implements AnnotatedInterfaceType {

		@Override
		public String call() {
			return "x";
		}

	}

	public static class AnnotatedSuperMethod {

		@Timed("super.method")
		public String call() {
			return "x";
		}

	}

	public static class OverridesAnnotatedSuperMethod extends AnnotatedSuperMethod {

		@Override
		public String call() {
			return "y";
		}

	}

	@Timed("super.type")
	public static class AnnotatedSuperType {

		public String inherited() {
			return "x";
		}

	}

	public static class InheritsFromAnnotatedType extends AnnotatedSuperType {

		public String own() {
			return "x";
		}

	}

	public static class PlainSuper {

		public String inherited() {
			return "x";
		}

	}

	@Timed("sub.type")
	public static class AnnotatedSubType extends PlainSuper {

		public String own() {
			return "x";
		}

	}

	@Timed("sub.type.b")
	public static class ReannotatedSubType extends AnnotatedSuperType {

	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@Timed("meta")
	public @interface MetaTimed {

	}

	public static class MetaAnnotated {

		@MetaTimed
		public String call() {
			return "x";
		}

	}

	public interface AnnotatedOnAnotherInterface {

		@Timed("iface.other")
		String call();

	}

	public static class ProxiedForOtherReasons implements AnnotatedOnAnotherInterface {

		@Override
		public String call() {
			return "x";
		}

		@Timed("own")
		public String own() {
			return "x";
		}

	}

	public interface PlainInterface {

		String call();

	}

	@Timed("annotated.type.iface")
	public static class AnnotatedTypeWithInterface implements PlainInterface {

		@Override
		public String call() {
			return "x";
		}

	}

	public interface Handler<T> {

		void handle(T value);

	}

	public static class StringHandler implements Handler<String> {

		@Override
		@Timed("bridge")
		public void handle(String value) {
		}

	}

	public interface AnnotatedOnThirdInterface {

		@Timed("iface.name")
		String call();

	}

	@Timed("class.name")
	public static class AnnotatedTypeImplementsAnnotatedInterface implements AnnotatedOnThirdInterface {

		@Override
		public String call() {
			return "x";
		}

	}

	@Timed("class.sub")
	public static class AnnotatedTypeOverridesAnnotatedSuperMethod extends AnnotatedSuperMethod {

		@Override
		public String call() {
			return "y";
		}

	}

	@Timed("class.inheriting")
	public static class AnnotatedTypeInheritsAnnotatedSuperMethod extends AnnotatedSuperMethod {

	}

	@Timed("objects")
	public static class OverridesObjectMethods {

		@Override
		public String toString() {
			return "x";
		}

	}

}
