package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ShownText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** What a party submits in a dispute: a statement, a link, or the SHA-256 checksum of an artifact. */
public sealed interface EvidenceItem {
    /** A written statement, 1 to {@link #MAX_LENGTH} characters. */
    record Text(String text) implements EvidenceItem {
        public static final int MAX_LENGTH = 4000;

        public Text {
            if (text == null || text.isBlank()) {
                throw new InvalidValueException("evidence.text", "must not be blank");
            }
            text = ShownText.multiline("evidence.text", text.strip());
            if (text.length() > MAX_LENGTH) {
                throw new InvalidValueException("evidence.text", "must be at most " + MAX_LENGTH + " characters");
            }
        }
    }

    /** An absolute http or https URL with a host, at most {@link #MAX_LENGTH} characters. */
    record Link(URI url) implements EvidenceItem {
        public static final int MAX_LENGTH = 2048;

        public Link {
            Objects.requireNonNull(url, "url");
            ShownText.line("evidence.url", url.toString());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new InvalidValueException(
                        "evidence.url", "'" + url + "' must be an http or https URL with a host");
            }
            if (url.toString().length() > MAX_LENGTH) {
                throw new InvalidValueException("evidence.url", "must be at most " + MAX_LENGTH + " characters");
            }
        }

        public static Link of(String url) {
            if (url == null) {
                throw new InvalidValueException("evidence.url", "must not be null");
            }
            ShownText.line("evidence.url", url);
            try {
                return new Link(new URI(url.strip()));
            } catch (URISyntaxException e) {
                throw new InvalidValueException("evidence.url", "'" + url + "' is not a URL: " + e.getReason());
            }
        }
    }

    /** The SHA-256 of an artifact: exactly 64 hexadecimal characters, kept in lower case. */
    record Checksum(String sha256) implements EvidenceItem {
        private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");

        public Checksum {
            if (sha256 == null || !HEX_64.matcher(sha256).matches()) {
                throw new InvalidValueException(
                        "evidence.sha256", "'" + sha256 + "' must be exactly 64 hexadecimal characters");
            }
            sha256 = sha256.toLowerCase(Locale.ROOT);
        }
    }
}
