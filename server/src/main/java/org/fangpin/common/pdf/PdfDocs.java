package org.fangpin.common.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Printable A4 documents (一户一档, a region's monthly summary, a 督查通报) with OpenPDF and embedded fonts — Liberation Sans
 * (shipped in OpenPDF's jar) for Latin letters and digits, Droid Sans Fallback (Apache 2.0, shipped in ours) for
 * Chinese, chosen per character — so a PDF reads the same on any machine; only the glyphs used are embedded, so a
 * page stays small. Headings, key–value blocks and tables whose header repeats on every page; a
 * footer with the document's line and the page number.
 */
public final class PdfDocs {

    private static final String CJK = "/fonts/DroidSansFallbackFull.ttf";
    private static final String LATIN = "/font-fallback/LiberationSans-Regular.ttf";
    private static final Color HEADER = new Color(0xE8, 0xEE, 0xF4);
    private static final Color LINE = new Color(0xC8, 0xD0, 0xD8);
    private static final Color INK = new Color(0x22, 0x2B, 0x33);

    private static volatile BaseFont[] fonts;

    private final Document document;
    private final PdfWriter writer;
    private final FontSelector title;
    private final FontSelector heading;
    private final FontSelector text;
    private final FontSelector small;

    private PdfDocs(Document document, PdfWriter writer) {
        this.document = document;
        this.writer = writer;
        this.title = selector(16, null);
        this.heading = selector(12, null);
        this.text = selector(9, null);
        this.small = selector(7.5f, new Color(0x55, 0x60, 0x6b));
    }

    /** Latin letters and digits in the first font, Chinese in the second. */
    private static FontSelector selector(float size, Color color) {
        FontSelector s = new FontSelector();
        for (BaseFont f : fonts()) {
            s.addFont(color == null ? new Font(f, size) : new Font(f, size, Font.NORMAL, color));
        }
        return s;
    }

    /** The embedded fonts, read once from the jars. */
    static BaseFont[] fonts() {
        BaseFont[] f = fonts;
        if (f == null) {
            synchronized (PdfDocs.class) {
                if (fonts == null) {
                    fonts = new BaseFont[] {load(LATIN), load(CJK)};
                }
                f = fonts;
            }
        }
        return f;
    }

    private static BaseFont load(String resource) {
        try (InputStream in = PdfDocs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the jar: " + resource);
            }
            return BaseFont.createFont(
                    resource.substring(resource.lastIndexOf('/') + 1),
                    BaseFont.IDENTITY_H,
                    BaseFont.EMBEDDED,
                    true,
                    in.readAllBytes(),
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one document: {@code body} fills it; {@code footer} is printed at the foot of every page. */
    public static void write(OutputStream out, boolean landscape, String footer, String author, Body body) {
        Document d = new Document(landscape ? PageSize.A4.rotate() : PageSize.A4, 36, 36, 40, 44);
        PdfWriter w = PdfWriter.getInstance(d, out);
        // a chart that does not fit the rest of a page starts the next one, before what follows it
        w.setStrictImageSequence(true);
        PdfDocs docs = new PdfDocs(d, w);
        w.setPageEvent(new PdfPageEventHelper() {
            @Override
            public void onEndPage(PdfWriter writer, Document document) {
                Rectangle page = document.getPageSize();
                ColumnText.showTextAligned(
                        writer.getDirectContent(),
                        Element.ALIGN_LEFT,
                        docs.small.process(footer),
                        document.left(),
                        page.getBottom() + 24,
                        0);
                ColumnText.showTextAligned(
                        writer.getDirectContent(),
                        Element.ALIGN_RIGHT,
                        docs.small.process(String.valueOf(writer.getPageNumber())),
                        document.right(),
                        page.getBottom() + 24,
                        0);
            }
        });
        d.addAuthor(author);
        d.addCreator("Fangpin");
        d.open();
        body.fill(docs);
        d.close();
    }

    /** What a document holds, added in order. */
    @FunctionalInterface
    public interface Body {
        void fill(PdfDocs docs);
    }

    public void title(String t, String under) {
        Paragraph p = new Paragraph(title.process(t));
        p.setAlignment(Element.ALIGN_CENTER);
        document.add(p);
        if (under != null) {
            Paragraph u = new Paragraph(small.process(under));
            u.setAlignment(Element.ALIGN_CENTER);
            u.setSpacingAfter(8);
            document.add(u);
        }
    }

    public void heading(String h) {
        Paragraph p = new Paragraph(heading.process(h));
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        document.add(p);
    }

    /** Running text at the body's size, justified, with some space after it. */
    public void paragraph(String t) {
        Paragraph p = new Paragraph(text.process(t));
        p.setAlignment(Element.ALIGN_JUSTIFIED);
        p.setLeading(14);
        p.setSpacingAfter(4);
        document.add(p);
    }

    public void note(String n) {
        Paragraph p = new Paragraph(small.process(n));
        p.setSpacingBefore(2);
        document.add(p);
    }

    /** Pairs of label and value, {@code perRow} pairs a row. */
    public void fields(List<String[]> pairs, int perRow) {
        PdfPTable t = new PdfPTable(perRow * 2);
        t.setWidthPercentage(100);
        float[] widths = new float[perRow * 2];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = i % 2 == 0 ? 1.3f : 2f;
        }
        t.setWidths(widths);
        for (String[] p : pairs) {
            t.addCell(cell(p[0], true, Element.ALIGN_LEFT));
            t.addCell(cell(p[1], false, Element.ALIGN_LEFT));
        }
        int rest = (perRow - pairs.size() % perRow) % perRow;
        for (int i = 0; i < rest * 2; i++) {
            t.addCell(cell("", false, Element.ALIGN_LEFT));
        }
        document.add(t);
    }

    /**
     * A table: the header (repeated on each page), the rows, and the columns whose values align right (numbers);
     * relative widths.
     */
    public void table(List<String> header, List<List<String>> rows, float[] widths, boolean[] numeric) {
        PdfPTable t = new PdfPTable(header.size());
        t.setWidthPercentage(100);
        if (widths != null) {
            t.setWidths(widths);
        }
        t.setHeaderRows(1);
        for (String h : header) {
            t.addCell(cell(h, true, Element.ALIGN_CENTER));
        }
        for (List<String> r : rows) {
            for (int c = 0; c < r.size(); c++) {
                boolean n = numeric != null && numeric[c];
                t.addCell(cell(r.get(c), false, n ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT));
            }
        }
        document.add(t);
    }

    /**
     * A horizontal stacked bar chart, drawn as vector graphics: one bar per label, one colour per series (a legend
     * above), each bar's total at its end. The numbers are in a table beside it, as on the pages.
     */
    public void bars(List<String> labels, List<String> series, List<long[]> values, List<Color> colors) {
        float width = document.right() - document.left();
        float row = 15;
        float legend = 18;
        float labelWidth = 120;
        float height = legend + row * labels.size() + 4;
        long max = 1;
        for (long[] v : values) {
            max = Math.max(max, Arrays.stream(v).sum());
        }
        float scale = (width - labelWidth - 70) / max;
        PdfTemplate t = writer.getDirectContent().createTemplate(width, height);
        float x = labelWidth;
        for (int i = 0; i < series.size(); i++) {
            t.setColorFill(colors.get(i));
            t.rectangle(x, height - 12, 9, 9);
            t.fill();
            Phrase name = small.process(series.get(i));
            t.setColorFill(INK);
            ColumnText.showTextAligned(t, Element.ALIGN_LEFT, name, x + 12, height - 11, 0);
            x += 12 + ColumnText.getWidth(name) + 16;
        }
        for (int r = 0; r < labels.size(); r++) {
            float y = height - legend - row * (r + 1);
            t.setColorFill(INK);
            ColumnText.showTextAligned(t, Element.ALIGN_RIGHT, text.process(labels.get(r)), labelWidth - 6, y + 4, 0);
            float at = labelWidth;
            long total = 0;
            for (int i = 0; i < series.size(); i++) {
                long v = values.get(r)[i];
                total += v;
                if (v > 0) {
                    t.setColorFill(colors.get(i));
                    t.rectangle(at, y + 2, v * scale, row - 5);
                    t.fill();
                    at += v * scale;
                }
            }
            t.setColorFill(INK);
            ColumnText.showTextAligned(
                    t, Element.ALIGN_LEFT, small.process(String.format("%,d", total)), at + 4, y + 4, 0);
        }
        Image chart = Image.getInstance(t);
        chart.setSpacingBefore(4);
        document.add(chart);
    }

    private PdfPCell cell(String s, boolean head, int align) {
        PdfPCell c = new PdfPCell(text.process(s == null ? "" : s));
        c.setHorizontalAlignment(align);
        c.setBorderColor(LINE);
        c.setPadding(3);
        if (head) {
            c.setBackgroundColor(HEADER);
        }
        return c;
    }
}
