package io.threadstats.submission;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.threadstats.submission.AnswerPolicy.Attempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Datadog whether the API key is valid ({@code GET /api/v1/validate}) and keeps the
 * verdict. A rejection is logged as an error and remembered by the statistics, as a
 * rejected submission would be, with the same words ({@link AnswerPolicy#KEY_REJECTED}).
 */
final class ApiKeyValidator {

	private static final Logger logger = LoggerFactory.getLogger(ApiKeyValidator.class);

	static final String VALIDATE_PATH = "/api/v1/validate";

	private final IntakeClient client;

	private final URI baseUrl;

	private final DeliverySettings settings;

	private final DeliveryStatisticsRecorder statistics;

	private final Clock clock;

	private volatile ApiKeyValidation lastValidation;

	/**
	 * @param client the intake client, or {@code null} in dry-run mode
	 */
	ApiKeyValidator(IntakeClient client, URI baseUrl, DeliverySettings settings, DeliveryStatisticsRecorder statistics,
			Clock clock) {
		this.client = client;
		this.baseUrl = baseUrl;
		this.settings = settings;
		this.statistics = statistics;
		this.clock = clock;
	}

	/**
	 * Sends the question without blocking; the verdict is reached on
	 * {@code deliveryThread}, which alone writes the statistics.
	 * @return the verdict; never completes exceptionally
	 */
	CompletableFuture<ApiKeyValidation> validate(Executor deliveryThread) {
		if (this.client == null) {
			return CompletableFuture.completedFuture(notChecked("no API key configured"));
		}
		CompletableFuture<ApiKeyValidation> verdict = new CompletableFuture<>();
		this.client.get(VALIDATE_PATH).whenComplete((response, failure) -> {
			try {
				deliveryThread.execute(() -> verdict.complete(verdict(response, failure)));
			}
			catch (RejectedExecutionException ex) {
				verdict.complete(notChecked("the submitter was closed"));
			}
		});
		return verdict;
	}

	/** The verdict of the last validation that completed, or {@code null}. */
	ApiKeyValidation lastValidation() {
		return this.lastValidation;
	}

	private ApiKeyValidation verdict(IntakeResponse response, Throwable failure) {
		if (failure != null || response == null) {
			return notChecked((failure != null) ? failure.getClass().getSimpleName() : "no response");
		}
		String answer = this.settings.redact(response.describe());
		AnswerPolicy policy = AnswerPolicy.of(response);
		if (policy == AnswerPolicy.ACCEPTED) {
			logger.debug("threadstats: Datadog accepted the API key ({})", answer);
			return remember(ApiKeyValidation.Result.VALID, answer);
		}
		if (policy == AnswerPolicy.KEY_REJECTED) {
			Attempt attempt = new Attempt(this.baseUrl, VALIDATE_PATH, response, 0, null);
			String problem = policy.problem(attempt);
			// nothing was sent yet: the key is rejected, delivery is not failing
			this.statistics.error(problem, false, true);
			logger.error("threadstats: {}; {}", problem, policy.consequence(attempt));
			return remember(ApiKeyValidation.Result.REJECTED, "HTTP " + response.status());
		}
		logger.warn("threadstats: could not validate the API key with {}{}: {}", this.baseUrl, VALIDATE_PATH, answer);
		return notChecked(answer);
	}

	private ApiKeyValidation notChecked(String reason) {
		return remember(ApiKeyValidation.Result.NOT_CHECKED, reason);
	}

	private ApiKeyValidation remember(ApiKeyValidation.Result result, String detail) {
		ApiKeyValidation validation = new ApiKeyValidation(result, this.clock.instant(), detail);
		this.lastValidation = validation;
		return validation;
	}

}
