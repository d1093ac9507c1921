package dev.agentmarketplace.api.http;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Last line of defence for "no token is ever logged": any log line that would carry a bearer
 * token or a JWT (ours, or one a library prints while refusing it) is written with the token
 * replaced. Installed on the console handler by {@code quarkus.log.console.filter}.
 */
@LoggingFilter(name = "token-redaction")
public final class TokenRedaction implements Filter {
    static final String REDACTED = "[redacted]";
    private static final Pattern SECRET = Pattern.compile(
            "eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*)?|(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            if (message != null && SECRET.matcher(message).find()) {
                ext.setMessage(redact(message), ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        return true;
    }

    static String redact(String text) {
        return SECRET.matcher(text).replaceAll(match -> match.group(2) != null ? match.group(2) + REDACTED : REDACTED);
    }
}
