package org.fangpin.security.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing; outside the web configuration because the CLI also creates the first administrator. */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    /** Delegating encoder: bcrypt today, and stored hashes name their algorithm so it can change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
