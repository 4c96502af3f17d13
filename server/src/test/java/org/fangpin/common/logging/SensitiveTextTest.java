package org.fangpin.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class SensitiveTextTest {

    @Test
    void masksIdNumbersAndMobilesInFreeText() {
        assertThat(SensitiveText.mask("Key (id_number)=(11010519491231002X) already exists"))
                .isEqualTo("Key (id_number)=(110105********002X) already exists");
        assertThat(SensitiveText.mask("call 13812345678 or 421122197003050011."))
                .isEqualTo("call 138****5678 or 421122********0011.");
        // longer digit runs (e.g. household numbers) are left alone
        assertThat(SensitiveText.mask("42112210020100129-0")).isEqualTo("42112210020100129-0");
    }

    @Test
    void logMessagesGoOutMasked() {
        LoggerContext ctx = new LoggerContext();
        LoggingEvent event = new LoggingEvent(
                "x", ctx.getLogger("test"), Level.INFO, "person {} not found", null, new Object[] {"11010519491231002X"
                });
        assertThat(new MaskingMessageConverter().convert(event)).isEqualTo("person 110105********002X not found");
    }
}
