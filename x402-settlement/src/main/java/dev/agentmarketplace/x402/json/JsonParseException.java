package dev.agentmarketplace.x402.json;

/** Input that is not strict RFC 8259 JSON or breaks a {@link JsonReader} limit, with where it failed. */
public final class JsonParseException extends RuntimeException {

    private final int offset;

    public JsonParseException(int offset, String message) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** The index, in characters of the input text, where reading stopped. */
    public int offset() {
        return offset;
    }
}
