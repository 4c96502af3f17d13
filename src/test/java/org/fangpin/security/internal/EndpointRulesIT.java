package org.fangpin.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fangpin.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
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
}
