package io.threadstats.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import io.threadstats.snapshot.FlushSnapshot;

/**
 * Runs inside a class loader without Reactor (see {@link ReturnShapeTests}): times a
 * plain and a {@code CompletionStage} method and reports what it saw.
 */
public class WithoutReactorScenario implements Callable<List<String>> {

	@Override
	public List<String> call() {
		List<String> seen = new ArrayList<>();
		seen.add("reactor present: " + ReturnShape.REACTOR_PRESENT);
		try (MeteringFixture fixture = new MeteringFixture()) {
			Service service = MeteringFixture.proxy(new Service(), fixture.timedAdvisor());
			service.plain();
			CompletableFuture<String> pending = new CompletableFuture<>();
			service.later(pending);
			pending.complete("done");
			FlushSnapshot snapshot = fixture.flush();
			seen.addAll(
					MeteringFixture.metricNames(snapshot).stream().filter((name) -> name.endsWith(".count")).toList());
		}
		return seen;
	}

	public static class Service {

		@Timed("scenario.plain")
		public String plain() {
			return "plain";
		}

		@Timed("scenario.later")
		public CompletableFuture<String> later(CompletableFuture<String> result) {
			return result;
		}

	}

}
