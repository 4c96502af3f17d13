package org.fangpin.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.fangpin.FangpinApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "fangpin",
        mixinStandardHelpOptions = true,
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
        if (args.length == 0 || args[0].startsWith("--")) {
            // no subcommand (e.g. spring-boot:run with Spring options): serve
            String[] serveArgs = new String[args.length + 1];
            serveArgs[0] = "serve";
            System.arraycopy(args, 0, serveArgs, 1, args.length);
            args = serveArgs;
        }
        if ("serve".equals(args[0])) {
            // Spring Boot parses its own --key=value options
            SpringApplication.run(FangpinApplication.class, Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int code = new CommandLine(new FangpinCommand()).execute(args);
        if (code != KEEP_RUNNING) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    @Command(name = "serve", description = "Run the web application (default port 8080).")
    static class Serve implements Callable<Integer> {
        @CommandLine.Parameters(arity = "0..*", description = "Spring Boot options, e.g. --server.port=9090")
        String[] springArgs = new String[0];

        @Override
        public Integer call() {
            SpringApplication.run(FangpinApplication.class, Arrays.copyOf(springArgs, springArgs.length));
            return KEEP_RUNNING;
        }
    }
}
