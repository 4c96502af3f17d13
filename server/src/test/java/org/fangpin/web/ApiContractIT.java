package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fangpin.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API description the server serves is the one in the repository ({@code docs/api/openapi.json}), from which the
 * build lints the contract and generates the client that {@code GeneratedClientIT} drives: a change of the API shows
 * as a change of that file in review. {@code -Dfangpin.api.write=true} writes the served description there.
 */
@IntegrationTest
class ApiContractIT {

    static final Path CONTRACT = Path.of("../docs/api/openapi.json");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /**
     * The API description names a schema by its class's simple name: two classes of one name (a {@code Column} of one
     * controller and of another) would silently share one schema, and clients would read one as the other.
     */
    @Test
    void noTwoClassesOfTheApiShareASchemaName() {
        Map<String, Set<Class<?>>> byName = new TreeMap<>();
        Set<Class<?>> seen = new HashSet<>();
        for (HandlerMethod m : mappings.getHandlerMethods().values()) {
            if (!m.getBeanType().getPackageName().startsWith("org.fangpin")) {
                continue;
            }
            collect(m.getMethod().getGenericReturnType(), byName, seen);
            for (Type t : m.getMethod().getGenericParameterTypes()) {
                collect(t, byName, seen);
            }
        }
        assertThat(seen).as("the API's own classes were found").hasSizeGreaterThan(50);
        Map<String, Set<Class<?>>> shared = new TreeMap<>();
        byName.forEach((name, classes) -> {
            if (classes.size() > 1) {
                shared.put(name, classes);
            }
        });
        assertThat(shared).as("classes that would share one schema").isEmpty();
    }

    /** The platform's classes reachable from a type: generic arguments, record components, enums. */
    private static void collect(Type type, Map<String, Set<Class<?>>> byName, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), byName, seen);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, byName, seen);
            }
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                collect(b, byName, seen);
            }
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), byName, seen);
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                collect(c.getComponentType(), byName, seen);
                return;
            }
            if (!c.getName().startsWith("org.fangpin") || !seen.add(c)) {
                return;
            }
            if (!c.isEnum()) { // enums are written inline, not as schemas
                Schema named = c.getAnnotation(Schema.class);
                String name = named != null && !named.name().isEmpty() ? named.name() : c.getSimpleName();
                byName.computeIfAbsent(name, k -> new HashSet<>()).add(c);
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    collect(rc.getGenericType(), byName, seen);
                }
            }
        }
    }

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
