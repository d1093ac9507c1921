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
