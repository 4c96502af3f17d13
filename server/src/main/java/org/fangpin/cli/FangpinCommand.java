package org.fangpin.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.fangpin.FangpinApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "fangpin",
        mixinStandardHelpOptions = true,
        // every subcommand answers --help and --version too
        scope = CommandLine.ScopeType.INHERIT,
        version = "fangpin 0.1.0",
        description = "防返贫动态监测与帮扶平台 Fangpin",
        subcommands = {
            FangpinCommand.Serve.class,
            ImportCommand.class,
            ExportCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            AuditCommand.class,
            TokenCommand.class,
            KeysCommand.class,
            MonitorCommand.class,
            BackupCommand.class,
            RestoreCommand.class
        })
public class FangpinCommand implements Callable<Integer> {

    /** Exit code meaning "the server is running; do not exit the JVM". */
    static final int KEEP_RUNNING = -1;

    public static void main(String[] args) {
        if (args.length == 0 || (args[0].startsWith("--") && !HELP.contains(args[0]))) {
            // no subcommand (e.g. spring-boot:run with Spring options): serve
            String[] serveArgs = new String[args.length + 1];
            serveArgs[0] = "serve";
            System.arraycopy(args, 0, serveArgs, 1, args.length);
            args = serveArgs;
        }
        int code = run(args);
        if (code != KEEP_RUNNING) {
            System.exit(code);
        }
    }

    /** The long flags that ask for usage or the version rather than for the server (other flags are Spring's). */
    static final Set<String> HELP = Set.of("--help", "--version");

    /**
     * Runs a command line; returns its exit code ({@link #KEEP_RUNNING} while the server runs). A wrong option or
     * setting is one line on standard error (exit 2), not a stack trace.
     */
    static int run(String... args) {
        CommandLine cli = new CommandLine(new FangpinCommand());
        cli.setParameterExceptionHandler((e, a) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            e.getCommandLine().getErr().println(command + ": " + e.getMessage() + " (see " + command + " --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    @Command(
            name = "serve",
            description = {
                "Run the web application (default port 8080); the default when no command is given.",
                "Settings as --name=value, e.g. --server.port=9090 or --fangpin.lake.dir=/data/lake."
            })
    static class Serve implements Callable<Integer> {
        /** Spring Boot and Fangpin settings, e.g. {@code --server.port=9090}. */
        @CommandLine.Unmatched
        List<String> springArgs = new ArrayList<>();

        @Override
        public Integer call() {
            Settings.check(springArgs);
            SpringApplication.run(FangpinApplication.class, springArgs.toArray(String[]::new));
            return KEEP_RUNNING;
        }
    }
}
