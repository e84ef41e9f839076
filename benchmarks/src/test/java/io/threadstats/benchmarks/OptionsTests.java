package io.threadstats.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harnesses refuse what they would otherwise silently ignore or misread. */
class OptionsTests {

	@Test
	void readsGivenValuesAndDefaultsTheRest() {
		EndToEnd.Settings settings = readEndToEnd("--threads", "1", "--kind", "histogram", "--api", "name");
		assertThat(settings.threads()).isEqualTo(1);
		assertThat(settings.kind()).isEqualTo("histogram");
		assertThat(settings.api()).isEqualTo("name");
		assertThat(settings.seconds()).isEqualTo(10);
		assertThat(settings.library()).isEqualTo("all");
		assertThat(settings.series()).isEqualTo(16);
	}

	@Test
	void refusesAnUnknownNameAndListsTheOptions() {
		assertThatThrownBy(() -> readEndToEnd("--thread", "2")).isInstanceOf(Options.BadOptionException.class)
			.hasMessageStartingWith("Unknown option --thread; the options are: --threads an integer from 1")
			.hasMessageContaining("--kind one of counter, histogram, distribution (default counter)");
	}

	@Test
	void refusesAValueOutsideTheChoices() {
		assertThatThrownBy(() -> readEndToEnd("--kind", "gauge"))
			.hasMessage("Option --kind must be one of counter, histogram, distribution, got 'gauge'");
		assertThatThrownBy(() -> readEndToEnd("--api", "foo"))
			.hasMessage("Option --api must be one of handle, name, got 'foo'");
		assertThatThrownBy(() -> readEndToEnd("--library", "foo"))
			.hasMessage("Option --library must be one of all, threadstats, dogstatsd, got 'foo'");
	}

	@Test
	void refusesANumberOutsideItsRangeOrNotANumber() {
		assertThatThrownBy(() -> readEndToEnd("--series", "0"))
			.hasMessage("Option --series must be an integer from 1 to 1000000, got '0'");
		assertThatThrownBy(() -> readEndToEnd("--seconds", "ten"))
			.hasMessage("Option --seconds must be an integer from 1 to 86400, got 'ten'");
		assertThatThrownBy(() -> readEndToEnd("--rate", "-1"))
			.hasMessage("Option --rate must be an integer from 0 to 2147483647, got '-1'");
	}

	@Test
	void refusesAMissingValueARepeatedNameAndAStrayWord() {
		assertThatThrownBy(() -> readEndToEnd("--threads")).hasMessage("Option --threads needs a value");
		assertThatThrownBy(() -> readEndToEnd("--threads", "--seconds", "1"))
			.hasMessage("Option --threads needs a value");
		assertThatThrownBy(() -> readEndToEnd("--threads", "1", "--threads", "2"))
			.hasMessage("Option --threads is given twice");
		assertThatThrownBy(() -> readEndToEnd("threads", "1"))
			.hasMessage("Expected an option '--name value', got 'threads'");
	}

	private static EndToEnd.Settings readEndToEnd(String... args) {
		return Options.read(args, EndToEnd.Settings::from);
	}

}
