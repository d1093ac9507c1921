package dev.agentmarketplace.x402.server;

import java.util.Objects;

/** One HTTP response header a resource server sets: its name and its (base64) value. */
public record ResponseHeader(String name, String value) {

    public ResponseHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
