package io.threadstats.submission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.threadstats.snapshot.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry buffer keeps payloads by age, however they come back, and evicts the oldest
 * first.
 */
class RetryBufferTests {

	private static final Instant T = Instant.parse("2031-01-01T00:00:00Z");

	private static Payload<Event> payload(String title, Instant createdAt, long sequence) {
		return new Payload<>(EventFormat.INSTANCE, List.of(Event.builder(title, "x").build()), new byte[0], 100,
				Compression.NONE, new Payload.Origin(createdAt, sequence, 0));
	}

	private static List<String> titles(Iterable<Payload<?>> payloads) {
		List<String> titles = new ArrayList<>();
		payloads.forEach((payload) -> titles.add(((Event) payload.items().get(0)).title()));
		return titles;
	}

	@Test
	void aPayloadTakenFromTheMiddleGoesBackToItsPlace() {
		RetryBuffer buffer = new RetryBuffer(1_000);
		buffer.add(payload("a", T, 1));
		buffer.add(payload("b", T.plusSeconds(1), 2));
		buffer.add(payload("c", T.plusSeconds(2), 3));
		Payload<?> b = buffer.takeOldest((payload) -> payload.createdAt().isAfter(T));
		assertThat(titles(List.of(b))).containsExactly("b");

		buffer.add(b);
		assertThat(buffer.oldestCreatedAt()).isEqualTo(T);
		assertThat(titles(buffer.takeAll())).containsExactly("a", "b", "c");
	}

	@Test
	void partsOfOnePayloadGoBackInTheirOrderAheadOfYoungerOnes() {
		RetryBuffer buffer = new RetryBuffer(1_000);
		buffer.add(payload("older", T.plusSeconds(1), 2));
		buffer.add(payload("younger", T.plusSeconds(3), 4));
		// two halves of a payload created between them, put back one after the other
		buffer.add(payload("half 1", T.plusSeconds(2), 3));
		buffer.add(payload("half 2", T.plusSeconds(2), 3));
		assertThat(titles(buffer.takeAll())).containsExactly("older", "half 1", "half 2", "younger");
	}

	@Test
	void theOldestIsEvictedFirstWhateverTheOrderOfArrival() {
		RetryBuffer buffer = new RetryBuffer(300);
		buffer.add(payload("b", T.plusSeconds(1), 2));
		buffer.add(payload("c", T.plusSeconds(2), 3));
		buffer.add(payload("a", T, 1));
		List<Payload<?>> evicted = buffer.add(payload("d", T.plusSeconds(3), 4));
		assertThat(titles(evicted)).containsExactly("a");
		assertThat(buffer.oldestCreatedAt()).isEqualTo(T.plusSeconds(1));
		assertThat(buffer.bytes()).isEqualTo(300);
		assertThat(buffer.items()).isEqualTo(3);
		assertThat(titles(buffer.takeAll())).containsExactly("b", "c", "d");
	}

	@Test
	void aPayloadBiggerThanTheWholeBufferEvictsNothingButItself() {
		RetryBuffer buffer = new RetryBuffer(50);
		Payload<Event> big = payload("big", T, 1);
		assertThat(buffer.add(big)).containsExactly(big);
		assertThat(buffer.isEmpty()).isTrue();
	}

}
