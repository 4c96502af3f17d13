package org.fangpin.common.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Evidence files: kept only when they are what they say (by their bytes), within the limit; gone with a rollback. */
class EvidenceFilesTest {

    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
    static final byte[] PDF = "%PDF-1.7\n".getBytes();

    @TempDir
    Path dir;

    private EvidenceFiles files(long maxBytes) {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        return new EvidenceFiles(new Lake(dir, "256MB", 1), new Messages(source), maxBytes);
    }

    private long kept() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aPictureOrAPdfIsKeptWithItsDigestUnderAGeneratedName() throws Exception {
        EvidenceFiles files = files(1000);
        for (byte[] b : new byte[][] {JPEG, PNG, PDF}) {
            EvidenceFiles.Stored s = files.store("t", "1", "photo", new ByteArrayInputStream(b));
            assertThat(Files.readAllBytes(files.path("t", "1", s.id()))).isEqualTo(b);
            assertThat(s.sha256())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
            assertThat(s.sizeBytes()).isEqualTo(b.length);
        }
        assertThat(files.store("t", "1", "a", new ByteArrayInputStream(PNG)).contentType())
                .isEqualTo("image/png");
        assertThat(files.store("t", "1", "a", new ByteArrayInputStream(PDF)).contentType())
                .isEqualTo("application/pdf");
    }

    @Test
    void anythingElseOrTooLargeIsRefusedAndLeavesNothing() throws Exception {
        EvidenceFiles files = files(16);
        for (byte[] b : new byte[][] {"<html>".getBytes(), new byte[0], "MZ\u0090".getBytes(), new byte[17]}) {
            assertThatThrownBy(() -> files.store("t", "1", "x.jpg", new ByteArrayInputStream(b)))
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).fieldProblems())
                            .extracting(p -> p.field())
                            .containsExactly("file"));
        }
        byte[] big = new byte[17];
        System.arraycopy(JPEG, 0, big, 0, JPEG.length);
        assertThatThrownBy(() -> files.store("t", "1", "big.jpg", new ByteArrayInputStream(big)))
                .isInstanceOf(ApiException.class);
        assertThat(kept()).isZero();
    }

    @Test
    void aFileStoredInATransactionThatRollsBackIsRemoved() throws Exception {
        EvidenceFiles files = files(1000);
        TransactionSynchronizationManager.initSynchronization();
        try {
            EvidenceFiles.Stored s = files.store("t", "2", "p.jpg", new ByteArrayInputStream(JPEG));
            assertThat(files.path("t", "2", s.id())).exists();
            for (TransactionSynchronization sync : TransactionSynchronizationManager.getSynchronizations()) {
                sync.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);
            }
            assertThat(files.path("t", "2", s.id())).doesNotExist();
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void theClientsNameIsKeptForDisplayOnly() {
        assertThat(EvidenceFiles.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(EvidenceFiles.safeName("C:\\照片\\门前.jpg")).isEqualTo("门前.jpg");
        assertThat(EvidenceFiles.safeName("a\"b<c>.png")).isEqualTo("a_b_c_.png");
        assertThat(EvidenceFiles.safeName("..")).isEqualTo("attachment");
        assertThat(EvidenceFiles.safeName(null)).isEqualTo("attachment");
        assertThat(EvidenceFiles.safeName("x".repeat(200) + ".jpg"))
                .hasSize(120)
                .endsWith(".jpg");
    }
}
