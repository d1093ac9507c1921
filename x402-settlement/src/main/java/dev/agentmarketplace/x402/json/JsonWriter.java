package dev.agentmarketplace.x402.json;

/**
 * Writes JSON deterministically: no whitespace, members in their insertion order, numbers as their
 * text, and only the escapes RFC 8259 §7 requires (plus the short forms), so one value always gives
 * the same bytes, hence the same base64 header.
 */
public final class JsonWriter {

    private JsonWriter() {}

    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value) {
            case JsonObject object -> {
                out.append('{');
                boolean first = true;
                for (var member : object.members().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(member.getKey(), out);
                    out.append(':');
                    write(member.getValue(), out);
                }
                out.append('}');
            }
            case JsonArray array -> {
                out.append('[');
                for (int i = 0; i < array.elements().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(array.elements().get(i), out);
                }
                out.append(']');
            }
            case JsonString string -> string(string.value(), out);
            case JsonNumber number -> out.append(number.text());
            case JsonBoolean bool -> out.append(bool.value() ? "true" : "false");
            case JsonNull ignored -> out.append("null");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
