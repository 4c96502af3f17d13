package org.fangpin.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every handler of the running application has its rule in the one table (else the application would not start). */
@IntegrationTest
class EndpointRulesIT {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyHandlerOfTheApplicationIsInTheTable() {
        List<PermissionRules.Handler> handlers = EndpointRulesCheck.handlers(mapping);
        // the check sees the application's handlers: pages, the API and the API description
        assertThat(handlers)
                .contains(
                        new PermissionRules.Handler(HttpMethod.GET, "/alerts"),
                        new PermissionRules.Handler(HttpMethod.POST, "/api/v1/cases/{id}/council"),
                        new PermissionRules.Handler(HttpMethod.GET, "/v3/api-docs"))
                .hasSizeGreaterThan(150);
        assertThat(PermissionRules.uncovered(handlers)).isEmpty();
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void aHeadRequestTakesWhatItsGetTakes() throws Exception {
        // a department account may not export the registry: not by GET, and not by HEAD (which runs the export)
        TestData.user(jdbc, encoder, "head-dept", "DEPARTMENT", TestData.COUNTY, "head-Dept-pw-1", false);
        for (var request : List.of(
                MockMvcRequestBuilders.get("/api/v1/households/export"),
                MockMvcRequestBuilders.head("/api/v1/households/export"))) {
            // a client of its own: the default one signs in as the county already
            var mvc = AsSystemInTests.mockMvc(context);
            assertThat(mvc.perform(request.with(org.springframework.security.test.web.servlet.request
                                    .SecurityMockMvcRequestPostProcessors.httpBasic("head-dept", "head-Dept-pw-1")))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .isEqualTo(403);
        }
    }
}
