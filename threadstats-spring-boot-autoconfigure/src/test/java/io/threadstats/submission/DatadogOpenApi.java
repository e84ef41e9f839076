package io.threadstats.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The request schemas of Datadog's OpenAPI documents (excerpts kept as test data, see
 * {@code datadog-openapi/SOURCE.md}): what an operation's request body must look like,
 * and which {@code Content-Encoding} values it documents.
 */
final class DatadogOpenApi {

	// before the instances below, which use it
	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	static final DatadogOpenApi V1 = new DatadogOpenApi("datadog-openapi/v1.yaml");

	static final DatadogOpenApi V2 = new DatadogOpenApi("datadog-openapi/v2.yaml");

	private final String resource;

	private final JsonNode document;

	private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi30());

	private DatadogOpenApi(String resource) {
		this.resource = resource;
		try (InputStream in = DatadogOpenApi.class.getClassLoader().getResourceAsStream(resource)) {
			this.document = YAML.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The document that describes {@code path}. */
	static DatadogOpenApi forPath(String path) {
		return path.startsWith("/api/v2/") ? V2 : V1;
	}

	/**
	 * What is wrong with {@code json} as the request body of {@code POST path}: empty
	 * when it is valid.
	 */
	List<String> problemsWithBody(String path, String json) {
		List<String> problems = new ArrayList<>();
		for (Error error : requestBodySchema(path).validate(json, InputFormat.JSON)) {
			problems.add(error.toString());
		}
		return problems;
	}

	/**
	 * The {@code Content-Encoding} values {@code POST path} documents; empty when it
	 * documents none.
	 */
	Set<String> contentEncodings(String path) {
		Set<String> encodings = new TreeSet<>();
		for (JsonNode parameter : operation(path).path("parameters")) {
			if ("header".equals(parameter.path("in").asString(""))
					&& "Content-Encoding".equals(parameter.path("name").asString(""))) {
				resolve(parameter.path("schema")).path("enum").forEach((value) -> encodings.add(value.asString()));
			}
		}
		return encodings;
	}

	private Schema requestBodySchema(String path) {
		JsonNode content = operation(path).path("requestBody").path("content");
		String ref = content.properties().iterator().next().getValue().path("schema").path("$ref").asString();
		return this.registry.getSchema(SchemaLocation.of("classpath:" + this.resource + ref));
	}

	private JsonNode operation(String path) {
		JsonNode operation = this.document.path("paths").path(path).path("post");
		if (operation.isMissingNode()) {
			throw new IllegalArgumentException("no POST " + path + " in " + this.resource);
		}
		return operation;
	}

	private JsonNode resolve(JsonNode schema) {
		String ref = schema.path("$ref").asString(null);
		return (ref != null) ? this.document.at(ref.substring(1)) : schema;
	}

}
