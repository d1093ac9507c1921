package dev.agentmarketplace.dashboard.overview.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartsTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS("*", name);
        return IntStream.range(0, nodes.getLength())
                .mapToObj(i -> (Element) nodes.item(i))
                .toList();
    }

    private static List<Datum> hours(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Datum.of("%02d:00".formatted(i % 24), i))
                .toList();
    }

    @Test
    void labelsAreEscapedSoTheyCannotCloseAnElementOrReorderText() throws Exception {
        String hostile = "</text><script>alert('x')</script> & \"q\" \u202Egnp.exe";
        String svg = SvgCharts.bars("top", "Top <capabilities>", List.of(Datum.of(hostile, 3)));

        assertThat(svg).doesNotContain("<script>").doesNotContain("\u202E").contains("U+202E");
        assertThat(svg).contains("&lt;/text&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        Document document = parse(svg);
        assertThat(elements(document, "script")).isEmpty();
        assertThat(elements(document, "title").getFirst().getTextContent()).isEqualTo("Top <capabilities>");
        assertThat(elements(document, "text").getFirst().getTextContent())
                .isEqualTo("</text><script>alert('x')</script> & \"q\" U+202Egnp.exe");
    }

    @Test
    void controlCharactersAreWrittenAsCodePoints() {
        assertThat(SvgText.escape("a\u0007b\u2066c\u200Fd")).isEqualTo("aU+0007bU+2066cU+200Fd");
        assertThat(SvgText.escape("plain text: 12.50 USDC")).isEqualTo("plain text: 12.50 USDC");
    }

    @Test
    void noChartCarriesAStyleAttributeOrElement() throws Exception {
        List<String> charts = List.of(
                SvgCharts.columns("hires", "Hires", hours(24)),
                SvgCharts.line("volume", "Volume", hours(24)),
                SvgCharts.bars("states", "States", hours(5)),
                SvgCharts.columns("empty", "Nothing", List.of()));
        for (String svg : charts) {
            assertThat(svg).doesNotContain("style");
            Document document = parse(svg);
            assertThat(document.getDocumentElement().getAttribute("role")).isEqualTo("img");
        }
    }

    @Test
    void anEmptyChartSaysSoAndDrawsNothing() throws Exception {
        for (String svg : List.of(
                SvgCharts.columns("a", "Hires", List.of()),
                SvgCharts.line("b", "Volume", List.of()),
                SvgCharts.bars("c", "States", List.of()))) {
            Document document = parse(svg);
            assertThat(elements(document, "rect")).isEmpty();
            assertThat(elements(document, "circle")).isEmpty();
            assertThat(elements(document, "polyline")).isEmpty();
            assertThat(elements(document, "desc").getFirst().getTextContent()).isEqualTo("No data.");
            assertThat(svg).contains("No data yet");
        }
    }

    @Test
    void aSinglePointIsAFullHeightColumnAndALonePointWithoutALine() throws Exception {
        Document columns = parse(SvgCharts.columns("one", "Hires", List.of(Datum.of("08:00", 7))));
        Element column = elements(columns, "rect").getFirst();
        assertThat(column.getAttribute("height")).isEqualTo("178"); // the whole plot: 220 - 14 - 28
        assertThat(column.getAttribute("y")).isEqualTo("14");

        Document line = parse(SvgCharts.line("one", "Volume", List.of(Datum.of("08:00", 7))));
        assertThat(elements(line, "circle")).hasSize(1);
        assertThat(elements(line, "polyline")).isEmpty();
    }

    @Test
    void manyPointsGetOneMarkEachScaledToTheLargestAndAtMostEightLabels() throws Exception {
        Document columns = parse(SvgCharts.columns("many", "Hires", hours(100)));
        List<Element> rects = elements(columns, "rect");
        assertThat(rects).hasSize(100);
        assertThat(rects.getFirst().getAttribute("height")).isEqualTo("0");
        assertThat(rects.getLast().getAttribute("height")).isEqualTo("178");
        assertThat(rects.get(50).getAttribute("height")).isEqualTo("89.9"); // 50/99 of 178
        assertThat(elements(columns, "text").stream()
                        .filter(text -> text.getAttribute("class").equals("chart-label"))
                        .count())
                .isLessThanOrEqualTo(8);

        Document line = parse(SvgCharts.line("many", "Volume", hours(24)));
        assertThat(elements(line, "circle")).hasSize(24);
        assertThat(elements(line, "polyline").getFirst().getAttribute("points").split(" "))
                .hasSize(24);
    }

    @Test
    void barsAreProportionalAndCarryTheirKindAsAClass() throws Exception {
        Document bars = parse(SvgCharts.bars(
                "states",
                "Transactions by state",
                List.of(
                        new Datum("SETTLED", BigDecimal.valueOf(10), "10", "state-settled"),
                        new Datum("DISPUTED", BigDecimal.valueOf(5), "5", "state-disputed"),
                        new Datum("RESOLVED", BigDecimal.ZERO, "0", "state-resolved"))));
        List<Element> rects = elements(bars, "rect");
        assertThat(rects)
                .extracting(rect -> rect.getAttribute("class"))
                .containsExactly("chart-bar state-settled", "chart-bar state-disputed", "chart-bar state-resolved");
        assertThat(rects).extracting(rect -> rect.getAttribute("width")).containsExactly("380", "190", "0");
        assertThat(elements(bars, "desc").getFirst().getTextContent())
                .isEqualTo("SETTLED: 10; DISPUTED: 5; RESOLVED: 0");
    }

    @Test
    void allZeroValuesDrawFlat() throws Exception {
        Document columns = parse(SvgCharts.columns("zero", "Hires", List.of(Datum.of("a", 0), Datum.of("b", 0))));
        assertThat(elements(columns, "rect"))
                .extracting(rect -> rect.getAttribute("height"))
                .containsExactly("0", "0");
    }

    @Test
    void idsKindsAndValuesAreChecked() {
        assertThatThrownBy(() -> SvgCharts.bars("x\" onload=\"alert(1)", "t", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Datum("a", BigDecimal.ONE, "1", "bad class\""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Datum("a", BigDecimal.valueOf(-1), "-1", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
