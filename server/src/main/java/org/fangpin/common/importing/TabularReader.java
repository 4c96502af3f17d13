package org.fangpin.common.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * Streams the rows of a CSV (UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030 as Chinese offices still
 * save them) or XLSX file in constant memory. The first row is the header.
 */
public abstract sealed class TabularReader implements AutoCloseable, Iterable<TabularRow> {

    /** GB18030 is a superset of GBK and GB2312, so it reads all three. */
    public static final Charset GB18030 = Charset.forName("GB18030");

    private static final int SNIFF_BYTES = 64 * 1024;

    public abstract String[] header();

    /** What a template's example row starts with: such a row is never imported. */
    public static final String EXAMPLE_MARK = "【示例】";

    /**
     * A template's example row: the first row under the header (where the template puts it), its first cell starting
     * with {@link #EXAMPLE_MARK}. Anywhere else such a row is data, and is checked like any other.
     */
    static boolean example(long row, String[] cells) {
        return row == 2
                && cells.length > 0
                && cells[0] != null
                && cells[0].strip().startsWith(EXAMPLE_MARK);
    }

    /** The detected or declared encoding, for the report. */
    public abstract String encoding();

    @Override
    public abstract void close();

    /** An XLSX (a zip) whose parts expand beyond these is refused as a decompression bomb. */
    static final long MAX_XLSX_EXPANDED_BYTES = 2L << 30;

    static final int MAX_XLSX_RATIO = 100;

    public static TabularReader open(Path file, String fileName) {
        try {
            if (fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                checkNotABomb(file);
                return new Xlsx(Files.newInputStream(file));
            }
            return new Csv(file, detectCharset(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Inflates every part of the XLSX once, counting bytes (declared sizes in a zip can lie), and refuses files that
     * expand more than {@value #MAX_XLSX_RATIO} times or beyond {@link #MAX_XLSX_EXPANDED_BYTES} in total.
     */
    static void checkNotABomb(Path file) throws IOException {
        long compressed = Math.max(1, Files.size(file));
        long expanded = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                try (InputStream in = zip.getInputStream(entries.nextElement())) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        expanded += n;
                        if (expanded > MAX_XLSX_EXPANDED_BYTES || expanded / compressed > MAX_XLSX_RATIO) {
                            throw new UncheckedIOException(new ZipException("xlsx-bomb"));
                        }
                    }
                }
            }
        }
    }

    /** BOM first; otherwise strict UTF-8 if the first 64 KiB decode cleanly; otherwise GB18030. */
    static Charset detectCharset(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        int len = head.length;
        if (len == SNIFF_BYTES) {
            // do not judge a multi-byte character cut by the sniff window
            while (len > 0 && len > head.length - 4 && (head[len - 1] & 0xC0) == 0x80) {
                len--;
            }
            if (len > 0 && (head[len - 1] & 0xC0) == 0xC0) {
                len--;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, len));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return GB18030;
        }
    }

    static final class Csv extends TabularReader {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final String[] header;
        private final Charset charset;

        Csv(Path file, Charset charset) throws IOException {
            this.charset = charset;
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            Reader reader = new InputStreamReader(in, decoder);
            this.parser =
                    CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader);
            this.records = parser.iterator();
            if (records.hasNext()) {
                String[] raw = records.next().values();
                if (raw.length > 0 && raw[0].startsWith("\uFEFF")) {
                    raw[0] = raw[0].substring(1);
                }
                this.header = raw;
            } else {
                this.header = new String[0];
            }
        }

        @Override
        public String[] header() {
            return header;
        }

        @Override
        public String encoding() {
            return charset.name();
        }

        @Override
        public Iterator<TabularRow> iterator() {
            return new Iterator<>() {
                private TabularRow next = advance();

                private TabularRow advance() {
                    while (records.hasNext()) {
                        CSVRecord r = records.next();
                        String[] cells = r.values();
                        for (int i = 0; i < cells.length; i++) {
                            cells[i] = CsvCells.unmark(cells[i]); // what our own exports marked as text
                        }
                        if (!example(r.getRecordNumber(), cells)) {
                            return new TabularRow(r.getRecordNumber(), cells);
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public TabularRow next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    TabularRow current = next;
                    next = advance();
                    return current;
                }
            };
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final class Xlsx extends TabularReader {
        private final ReadableWorkbook workbook;
        private final Stream<Row> stream;
        private final Iterator<Row> rows;
        private final String[] header;

        Xlsx(InputStream in) throws IOException {
            // with cell formats: a date typed as a date is a number whose format says it is a date
            this.workbook = new ReadableWorkbook(in, new ReadingOptions(true, false));
            this.stream = workbook.getFirstSheet().openStream();
            this.rows = stream.iterator();
            this.header = rows.hasNext() ? cells(rows.next(), null) : new String[0];
        }

        /**
         * A row's cells as text, whatever Excel stored: text as typed, a number without a trailing {@code .0} (and
         * marked in {@code numbers}), a date as {@code yyyy-MM-dd}, a boolean as 是/否, a formula as its last value.
         */
        private static String[] cells(Row row, boolean[] numbers) {
            String[] out = new String[row.getCellCount()];
            for (int i = 0; i < out.length; i++) {
                Cell c = row.getCell(i);
                out[i] = c == null ? "" : text(c, numbers, i);
            }
            return out;
        }

        private static String text(Cell c, boolean[] numbers, int i) {
            return switch (c.getType()) {
                case NUMBER -> {
                    if (isDate(c)) {
                        LocalDateTime t = c.asDate();
                        yield t.toLocalTime().equals(LocalTime.MIDNIGHT)
                                ? t.toLocalDate().toString()
                                : t.toString().replace('T', ' ');
                    }
                    if (numbers != null) {
                        numbers[i] = true;
                    }
                    BigDecimal n = c.asNumber();
                    yield n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
                }
                case BOOLEAN -> Boolean.TRUE.equals(c.asBoolean()) ? "是" : "否";
                case EMPTY -> "";
                default -> c.getRawValue() == null ? c.getText() : c.getRawValue();
            };
        }

        /** Excel's built-in date formats (14–22, 45–47) or a custom one with a year, month or day in it. */
        private static boolean isDate(Cell c) {
            Integer id = c.getDataFormatId();
            if (id != null && ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36))) {
                return true;
            }
            String f = c.getDataFormatString();
            if (f == null || f.equalsIgnoreCase("General") || f.equals("@")) {
                return false;
            }
            // quoted text and colours say nothing about the number
            String bare = f.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "");
            return bare.matches("(?i).*[ymd年月日].*") && !bare.contains("0") && !bare.contains("#");
        }

        @Override
        public String[] header() {
            return header;
        }

        @Override
        public String encoding() {
            return "XLSX";
        }

        @Override
        public Iterator<TabularRow> iterator() {
            return new Iterator<>() {
                private TabularRow next = advance();

                private TabularRow advance() {
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        boolean[] numbers = new boolean[r.getCellCount()];
                        String[] c = cells(r, numbers);
                        if (Arrays.stream(c).anyMatch(s -> !s.isBlank()) && !example(r.getRowNum(), c)) {
                            return new TabularRow(r.getRowNum(), c, numbers);
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public TabularRow next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    TabularRow current = next;
                    next = advance();
                    return current;
                }
            };
        }

        @Override
        public void close() {
            stream.close();
            try {
                workbook.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
