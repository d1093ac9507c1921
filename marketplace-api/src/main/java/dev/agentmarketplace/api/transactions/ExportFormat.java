package dev.agentmarketplace.api.transactions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** How an export writes transactions: one JSON object per line, or RFC 4180 CSV with a header. */
enum ExportFormat {
    NDJSON(ExportFormat.NDJSON_TYPE, "ndjson") {
        @Override
        void writeHeader(Writer out) {}

        @Override
        void write(Transaction tx, Writer out, ObjectMapper json) throws IOException {
            try {
                out.write(json.writeValueAsString(TransactionView.of(tx)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            out.write('\n');
        }
    },
    CSV(ExportFormat.CSV_TYPE, "csv") {
        @Override
        void writeHeader(Writer out) throws IOException {
            out.write(String.join(",", CSV_COLUMNS) + CRLF);
        }

        @Override
        void write(Transaction tx, Writer out, ObjectMapper json) throws IOException {
            out.write(csvRow(List.of(
                    tx.id().value(),
                    tx.payer().value(),
                    tx.provider().value(),
                    tx.capability().name(),
                    tx.amount().amount().toPlainString(),
                    tx.amount().currency().code(),
                    tx.state().name(),
                    tx.createdAt().toString(),
                    tx.settledAt().map(Instant::toString).orElse(""),
                    tx.settlementReference().orElse(""),
                    tx.context())));
        }
    };

    static final String NDJSON_TYPE = "application/x-ndjson";
    static final String CSV_TYPE = "text/csv";

    static final List<String> CSV_COLUMNS = List.of(
            "id",
            "payer",
            "provider",
            "capability",
            "amount",
            "currency",
            "state",
            "createdAt",
            "settledAt",
            "settlementReference",
            "context");

    // RFC 4180 §2.1: every record, the header included, ends with CRLF.
    private static final String CRLF = "\r\n";

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String mediaType() {
        return mediaType;
    }

    String fileName() {
        return "transactions." + extension;
    }

    abstract void writeHeader(Writer out) throws IOException;

    abstract void write(Transaction tx, Writer out, ObjectMapper json) throws IOException;

    static ExportFormat parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return NDJSON;
        }
        for (ExportFormat format : values()) {
            if (format.extension.equals(raw.strip().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new InvalidValueException("format", "'" + raw + "' is not ndjson or csv");
    }

    /** One CSV record, each field escaped by RFC 4180 §2.5-2.7. */
    static String csvRow(List<String> fields) {
        return fields.stream().map(ExportFormat::csvField).collect(Collectors.joining(",")) + CRLF;
    }

    /**
     * A field holding a comma, a double quote, CR or LF is enclosed in double quotes, and each
     * double quote inside is doubled. A field a spreadsheet would run as a formula (it starts with
     * {@code =}, {@code +}, {@code -}, {@code @}, TAB or CR) is neutralized as OWASP's "CSV Injection"
     * guidance asks: prefixed with a single quote and quoted, so it shows as text; removing that one
     * leading quote gives the value back. A plain signed decimal ({@code -1.00}) is a number, not a
     * formula, and stays as it is so numeric columns keep their sign. Any other field is written as
     * it is.
     */
    static String csvField(String value) {
        String text = Objects.requireNonNullElse(value, "");
        if (startsAFormula(text)) {
            return '"' + "'" + text.replace("\"", "\"\"") + '"';
        }
        if (text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    private static boolean startsAFormula(String text) {
        if (text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0) {
            return false;
        }
        return !PLAIN_DECIMAL.matcher(text).matches();
    }
}
