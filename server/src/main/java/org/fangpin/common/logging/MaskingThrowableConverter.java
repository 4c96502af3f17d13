package org.fangpin.common.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** Logback {@code %wEx}: stack traces (whose messages may quote database values) with sensitive numbers masked. */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return SensitiveText.mask(super.throwableProxyToString(tp));
    }
}
