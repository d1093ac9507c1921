package dev.agentmarketplace.x402.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader: one value, surrounded only by JSON whitespace; no comments, no trailing
 * commas, no leading zeros, no lone surrogates, no duplicate member names (§4 leaves them
 * undefined, and two readers disagreeing on which one wins is how a signed payment gets reread).
 * Numbers keep their text. The limits bound the work an untrusted header can cause.
 */
public final class JsonReader {

    private final int maxLength;
    private final int maxDepth;

    public JsonReader(int maxLength, int maxDepth) {
        if (maxLength < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxLength = maxLength;
        this.maxDepth = maxDepth;
    }

    /** Reads UTF-8 bytes; malformed UTF-8 (RFC 8259 §8.1) and a byte order mark are refused. */
    public JsonValue read(byte[] utf8) {
        if (utf8.length > maxLength) {
            throw new JsonParseException(0, "input of " + utf8.length + " bytes exceeds the limit of " + maxLength);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JsonParseException(0, "input is not valid UTF-8");
        }
        return read(text);
    }

    public JsonValue read(String text) {
        if (text.length() > maxLength) {
            throw new JsonParseException(
                    0, "input of " + text.length() + " characters exceeds the limit of " + maxLength);
        }
        Cursor cursor = new Cursor(text);
        cursor.skipWhitespace();
        JsonValue value = cursor.value(0);
        cursor.skipWhitespace();
        if (cursor.pos != text.length()) {
            throw cursor.error("unexpected text after the JSON value");
        }
        return value;
    }

    private final class Cursor {
        private final String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
        }

        JsonValue value(int depth) {
            if (pos >= text.length()) {
                throw error("unexpected end of input, expected a value");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth + 1);
                case '[' -> array(depth + 1);
                case '"' -> new JsonString(string());
                case 't' -> literal("true", JsonBoolean.TRUE);
                case 'f' -> literal("false", JsonBoolean.FALSE);
                case 'n' -> literal("null", JsonNull.NULL);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character " + describe(c));
                }
            };
        }

        private JsonObject object(int depth) {
            checkDepth(depth);
            pos++;
            Map<String, JsonValue> members = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return new JsonObject(members);
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                int nameStart = pos;
                String name = string();
                if (members.containsKey(name)) {
                    throw new JsonParseException(nameStart, "duplicate member name \"" + name + "\"");
                }
                skipWhitespace();
                expect(':');
                skipWhitespace();
                members.put(name, value(depth));
                skipWhitespace();
                char c = next("',' or '}'");
                if (c == '}') {
                    return new JsonObject(members);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}' but found " + describe(c));
                }
            }
        }

        private JsonArray array(int depth) {
            checkDepth(depth);
            pos++;
            List<JsonValue> elements = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return new JsonArray(elements);
            }
            while (true) {
                skipWhitespace();
                elements.add(value(depth));
                skipWhitespace();
                char c = next("',' or ']'");
                if (c == ']') {
                    return new JsonArray(elements);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']' but found " + describe(c));
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next("'\"'");
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("unescaped control character " + describe(c) + " in a string");
                }
                if (c == '\\') {
                    c = escape();
                }
                if (Character.isHighSurrogate(c)) {
                    out.append(c);
                    char low = lowSurrogate();
                    out.append(low);
                } else if (Character.isLowSurrogate(c)) {
                    throw error("unpaired low surrogate in a string");
                } else {
                    out.append(c);
                }
            }
        }

        private char lowSurrogate() {
            char c = next("a low surrogate");
            if (c == '\\') {
                c = escape();
            }
            if (!Character.isLowSurrogate(c)) {
                throw error("unpaired high surrogate in a string");
            }
            return c;
        }

        private char escape() {
            char c = next("an escape");
            return switch (c) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '/' -> '/';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> unicodeEscape();
                default -> {
                    pos--;
                    throw error("invalid escape \\" + c);
                }
            };
        }

        private char unicodeEscape() {
            if (pos + 4 > text.length()) {
                throw error("truncated \\u escape");
            }
            int code = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(text.charAt(pos), 16);
                if (digit < 0) {
                    throw error("invalid hex digit in \\u escape");
                }
                code = code * 16 + digit;
                pos++;
            }
            return (char) code;
        }

        private JsonNumber number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                if (isDigit(peek())) {
                    throw error("leading zero in a number");
                }
            } else {
                digits("a digit");
            }
            if (peek() == '.') {
                pos++;
                digits("a digit after '.'");
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                digits("a digit in the exponent");
            }
            return new JsonNumber(text.substring(start, pos));
        }

        private void digits(String expected) {
            if (!isDigit(peek())) {
                throw error("expected " + expected);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }

        private JsonValue literal(String word, JsonValue value) {
            if (!text.startsWith(word, pos)) {
                throw error("invalid literal, expected " + word);
            }
            pos += word.length();
            return value;
        }

        private void checkDepth(int depth) {
            if (depth > maxDepth) {
                throw error("nesting deeper than " + maxDepth);
            }
        }

        void skipWhitespace() {
            // RFC 8259 §2: only these four; Unicode spaces and a BOM are not whitespace.
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private char next(String expected) {
            if (pos >= text.length()) {
                throw error("unexpected end of input, expected " + expected);
            }
            return text.charAt(pos++);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        JsonParseException error(String message) {
            return new JsonParseException(pos, message);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
