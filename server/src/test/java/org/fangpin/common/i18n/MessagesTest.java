package org.fangpin.common.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Ids in messages are digits, never grouped like counts; no message read from Java formats a long as a number. */
class MessagesTest {

    private static Messages messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return new Messages(source);
    }

    @Test
    void anIdIsWrittenAsDigitsAndACountAsACount() {
        Messages m = messages();
        assertThat(m.get(Locale.CHINA, "monitoring.alert.not-found", 12345L))
                .contains("12345")
                .doesNotContain("12,345");
        assertThat(m.get(Locale.ENGLISH, "alert.bulk.done", 12345)).contains("12,345");
    }

    /** A message with {n,number} needs a Number: such messages may be used by pages only, not through Messages. */
    @Test
    void messagesThatFormatNumbersAreNotReadFromJava() throws IOException {
        Properties zh = new Properties();
        try (Reader r = Files.newBufferedReader(
                Path.of("src/main/resources/messages_zh_CN.properties"), StandardCharsets.UTF_8)) {
            zh.load(r);
        }
        List<String> numbered = zh.stringPropertyNames().stream()
                .filter(k -> zh.getProperty(k).contains(",number"))
                .toList();
        assertThat(numbered).isNotEmpty();
        List<String> readFromJava = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String s = Files.readString(f);
                numbered.stream()
                        .filter(k -> s.contains("\"" + k + "\""))
                        .forEach(k -> readFromJava.add(k + " in " + f.getFileName()));
            }
        }
        assertThat(readFromJava).isEmpty();
    }
}
