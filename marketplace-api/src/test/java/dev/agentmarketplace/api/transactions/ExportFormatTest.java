package dev.agentmarketplace.api.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

    @Test
    void plainFieldsAreWrittenAsTheyAre() {
        assertThat(ExportFormat.csvRow(List.of("a", "1.500000", "", "x y"))).isEqualTo("a,1.500000,,x y\r\n");
    }

    @Test
    void fieldWithCommaQuoteOrLineBreakIsQuotedAndItsQuotesDoubled() {
        assertThat(ExportFormat.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(ExportFormat.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ExportFormat.csvField("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(ExportFormat.csvField("carriage\rreturn")).isEqualTo("\"carriage\rreturn\"");
    }

    @Test
    void cellThatASpreadsheetWouldReadAsAFormulaIsPrefixedWithAQuoteAndQuoted() {
        assertThat(ExportFormat.csvField("=HYPERLINK(\"http://evil\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(ExportFormat.csvField("+1+cmd|' /C calc'!A0")).isEqualTo("\"'+1+cmd|' /C calc'!A0\"");
        assertThat(ExportFormat.csvField("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(ExportFormat.csvField("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(ExportFormat.csvField("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(ExportFormat.csvField("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(ExportFormat.csvField("-agent")).isEqualTo("\"'-agent\"");
    }

    @Test
    void plainSignedDecimalIsANumberNotAFormulaAndIsWrittenAsItIs() {
        assertThat(ExportFormat.csvField("-1.00")).isEqualTo("-1.00");
        assertThat(ExportFormat.csvField("+2")).isEqualTo("+2");
        assertThat(ExportFormat.csvField("a=b")).isEqualTo("a=b");
    }

    @Test
    void formatIsNdjsonUnlessCsvIsAskedFor() {
        assertThat(ExportFormat.parse(null)).isEqualTo(ExportFormat.NDJSON);
        assertThat(ExportFormat.parse(" CSV ")).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.parse("ndjson").mediaType()).isEqualTo("application/x-ndjson");
        assertThat(ExportFormat.CSV.fileName()).isEqualTo("transactions.csv");
    }

    @Test
    void unknownFormatIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> ExportFormat.parse("xml"))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("format"));
    }
}
