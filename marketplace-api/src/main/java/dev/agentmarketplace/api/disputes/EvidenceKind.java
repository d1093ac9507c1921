package dev.agentmarketplace.api.disputes;

import dev.agentmarketplace.core.dispute.EvidenceItem;

/** The three kinds of evidence, as the API names them in requests and views. */
public enum EvidenceKind {
    /** A written statement. */
    TEXT,
    /** An http or https link. */
    URL,
    /** The SHA-256 checksum of an artifact, 64 hexadecimal characters. */
    SHA256;

    EvidenceItem item(String value) {
        return switch (this) {
            case TEXT -> new EvidenceItem.Text(value);
            case URL -> EvidenceItem.Link.of(value);
            case SHA256 -> new EvidenceItem.Checksum(value);
        };
    }

    static EvidenceKind of(EvidenceItem item) {
        return switch (item) {
            case EvidenceItem.Text text -> TEXT;
            case EvidenceItem.Link link -> URL;
            case EvidenceItem.Checksum checksum -> SHA256;
        };
    }

    static String valueOf(EvidenceItem item) {
        return switch (item) {
            case EvidenceItem.Text text -> text.text();
            case EvidenceItem.Link link -> link.url().toString();
            case EvidenceItem.Checksum checksum -> checksum.sha256();
        };
    }
}
