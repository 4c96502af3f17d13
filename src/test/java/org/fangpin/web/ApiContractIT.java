package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fangpin.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The API description the server serves is the one in the repository ({@code docs/api/openapi.json}), from which the
 * build lints the contract and generates the client that {@code GeneratedClientIT} drives: a change of the API shows
 * as a change of that file in review. {@code -Dfangpin.api.write=true} writes the served description there.
 */
@IntegrationTest
class ApiContractIT {

    static final Path CONTRACT = Path.of("docs/api/openapi.json");

    @Autowired
    MockMvc mvc;

    @Test
    void theServedDescriptionIsTheOneInTheRepository() throws Exception {
        String served =
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        JsonNode live = json.readTree(served);
        String pretty = json.writeValueAsString(json.treeToValue(live, Object.class)) + "\n";
        if (Boolean.getBoolean("fangpin.api.write")) {
            Files.writeString(CONTRACT, pretty);
        }
        Path actual = Path.of("target/openapi-served.json");
        Files.writeString(actual, pretty);
        // an integrator sees an example of every JSON body (the lint checks each against its schema)
        List<String> withoutExample = new ArrayList<>();
        live.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    JsonNode body =
                            op.getValue().path("requestBody").path("content").path("application/json");
                    if (!body.isMissingNode() && !body.has("example") && !body.has("examples")) {
                        withoutExample.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        assertThat(withoutExample).as("JSON request bodies without an example").isEmpty();
        assertThat(Files.exists(CONTRACT)).as(CONTRACT + " exists").isTrue();
        assertThat(live)
                .as("the API changed: review " + actual + " and copy it to " + CONTRACT
                        + " (./mvnw verify -Dfangpin.api.write=true does)")
                .isEqualTo(json.readTree(Files.readString(CONTRACT)));
    }
}
