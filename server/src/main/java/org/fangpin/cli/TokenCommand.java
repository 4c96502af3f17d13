package org.fangpin.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.fangpin.security.ApiTokens;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "token",
        description = "API tokens: create NAME --user U [--scopes read,write] [--days N] | revoke NAME | list")
class TokenCommand extends SpringOptions {

    @Parameters(index = "0", description = "create | revoke | list")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "token name, e.g. yibao-feed")
    String name;

    @Option(names = "--user", description = "the user the token acts as (its role and region)")
    String user;

    @Option(names = "--scopes", split = ",", defaultValue = "read", description = "read, write")
    List<String> scopes;

    @Option(names = "--days", description = "valid for this many days (default: until revoked)")
    Integer days;

    @Option(
            names = "--rate",
            description = "requests per minute allowed (default: fangpin.api.rate-limit.per-minute, 600)")
    Integer rate;

    @Override
    Integer work() {
        try (ConfigurableApplicationContext ctx = AppContext.start(springProperties())) {
            ApiTokens tokens = ctx.getBean(ApiTokens.class);
            switch (action) {
                case "create" -> {
                    if (name == null || user == null) {
                        throw new IllegalArgumentException("token create NAME --user USER");
                    }
                    ApiTokens.Issued t = tokens.issue(
                            name,
                            user,
                            scopes,
                            days == null ? null : Instant.now().plus(days, ChronoUnit.DAYS),
                            rate,
                            "cli");
                    System.out.println("token " + t.name() + " (" + String.join(",", t.scopes())
                            + "), shown once — store it now:");
                    System.out.println(t.token());
                }
                case "revoke" -> {
                    if (!tokens.revoke(name)) {
                        System.out.println("no active token " + name);
                        return 1;
                    }
                    System.out.println("revoked " + name);
                }
                case "list" ->
                    tokens.list()
                            .forEach(t -> System.out.printf(
                                    "%-24s %-12s %-10s expires %s revoked %s last used %s%n",
                                    t.name(),
                                    t.username(),
                                    String.join(",", t.scopes()),
                                    t.expiresAt(),
                                    t.revokedAt(),
                                    t.lastUsedAt()));
                default -> throw new IllegalArgumentException("token create | revoke | list");
            }
        }
        return 0;
    }
}
