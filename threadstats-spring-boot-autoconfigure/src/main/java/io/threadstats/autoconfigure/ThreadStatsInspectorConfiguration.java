package io.threadstats.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import io.threadstats.ThreadStats;
import io.threadstats.actuate.ThreadStatsInspector;
import io.threadstats.annotation.ThreadStatsCountedAdvisor;
import io.threadstats.annotation.ThreadStatsTimedAdvisor;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.Submitter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ThreadStatsInspector} shared by the endpoint and the health indicator,
 * imported by both auto-configurations (and registered once).
 */
@Configuration(proxyBeanMethods = false)
class ThreadStatsInspectorConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ThreadStatsInspector threadStatsInspector(ThreadStats threadStats, ThreadStatsProperties properties,
			ObjectProvider<Submitter> submitter, ObjectProvider<DeliverySettings> deliverySettings,
			ObjectProvider<ThreadStatsFlusher> flusher, ObjectProvider<ThreadStatsTimedAdvisor> timedAdvisor,
			ObjectProvider<ThreadStatsCountedAdvisor> countedAdvisor) {
		DeliverySettings settings = deliverySettings.getIfUnique();
		// one slow request, then what is left is parked without waiting on the network;
		// disabled: nothing to wait for
		Duration flushAnswerTimeout = (settings != null)
				? settings.connectTimeout().plus(settings.responseTimeout()).multipliedBy(2) : Duration.ZERO;
		// the flusher's: a customizer may have changed the interval the property set
		ThreadStatsFlusher ticking = flusher.getIfUnique();
		Duration flushInterval = (ticking != null) ? ticking.getFlushInterval() : properties.getFlushInterval();
		return new ThreadStatsInspector(threadStats, submitter.getIfUnique(), settings, flushInterval,
				properties.isEnabled(), properties.isValidateApiKey(), flushAnswerTimeout,
				unrecordedAnnotatedCalls(timedAdvisor, countedAdvisor));
	}

	/** The advisors' unrecorded calls added up, or {@code null} when neither is there. */
	private static LongSupplier unrecordedAnnotatedCalls(ObjectProvider<ThreadStatsTimedAdvisor> timedAdvisor,
			ObjectProvider<ThreadStatsCountedAdvisor> countedAdvisor) {
		List<LongSupplier> advisors = Stream
			.concat(timedAdvisor.stream().map((advisor) -> (LongSupplier) advisor::unrecordedCalls),
					countedAdvisor.stream().map((advisor) -> (LongSupplier) advisor::unrecordedCalls))
			.toList();
		return advisors.isEmpty() ? null : () -> advisors.stream().mapToLong(LongSupplier::getAsLong).sum();
	}

}
