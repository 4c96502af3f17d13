package org.fangpin.security.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Refuses to start an application with a request handler that {@link PermissionRules} does not name: whoever adds an
 * endpoint decides, in the one table, whether it is open, needs a login or needs a permission.
 */
@Component
@ConditionalOnWebApplication
class EndpointRulesCheck implements SmartInitializingSingleton {

    private final RequestMappingHandlerMapping mapping;

    EndpointRulesCheck(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> missing = PermissionRules.uncovered(handlers(mapping));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Request handlers without a rule in PermissionRules (say whether each is"
                    + " open, needs a login or a permission): " + String.join(", ", missing));
        }
    }

    static List<PermissionRules.Handler> handlers(RequestMappingHandlerMapping mapping) {
        List<PermissionRules.Handler> out = new ArrayList<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            List<HttpMethod> methods = info.getMethodsCondition().getMethods().stream()
                    .map(RequestMethod::asHttpMethod)
                    .toList();
            for (String path : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    out.add(new PermissionRules.Handler(null, path));
                } else {
                    methods.forEach(m -> out.add(new PermissionRules.Handler(m, path)));
                }
            }
        }
        return out;
    }
}
