package io.threadstats.actuate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * A WireMock stand-in for Datadog's intake on 127.0.0.1 and a free port: the key
 * validation endpoint accepts {@link #API_KEY}, and the series endpoint answers whatever
 * was set last.
 */
final class IntakeStub implements AutoCloseable {

	static final String API_KEY = "5f0c1a2b3c4d5e6f7a8b9c0d1e2f3a4b";

	static final String SERIES = "/api/v2/series";

	private final WireMockServer server = new WireMockServer(
			WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

	IntakeStub() {
		this.server.start();
		this.server.stubFor(WireMock.get("/api/v1/validate")
			.withHeader("DD-API-KEY", WireMock.equalTo(API_KEY))
			.willReturn(WireMock.okJson("{\"valid\":true}")));
		seriesAnswer(accepted());
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * From now on, the series endpoint answers this (the latest stub wins in WireMock).
	 */
	void seriesAnswer(ResponseDefinitionBuilder answer) {
		this.server.stubFor(WireMock.post(SERIES).willReturn(answer));
	}

	/** From now on, key validation answers this, whatever the key. */
	void validateAnswer(ResponseDefinitionBuilder answer) {
		this.server.stubFor(WireMock.get("/api/v1/validate").willReturn(answer));
	}

	/** Key validation requests received, answered or not. */
	int validateRequests() {
		return this.server.findAll(WireMock.getRequestedFor(WireMock.urlPathEqualTo("/api/v1/validate"))).size();
	}

	int seriesRequests() {
		return this.server.findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(SERIES))).size();
	}

	static ResponseDefinitionBuilder accepted() {
		return WireMock.aResponse()
			.withStatus(202)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[]}");
	}

	/**
	 * A 500 whose body echoes the key, as a careless proxy might, asking for a retry in a
	 * second.
	 */
	static ResponseDefinitionBuilder failing() {
		return WireMock.aResponse()
			.withStatus(500)
			.withHeader("Retry-After", "1")
			.withBody("upstream failed for DD-API-KEY " + API_KEY);
	}

	static ResponseDefinitionBuilder keyRejected() {
		return WireMock.aResponse()
			.withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[\"Forbidden\"]}");
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
