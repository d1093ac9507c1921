package dev.agentmarketplace.x402.json;

/** A JSON value (RFC 8259), as read by {@link JsonReader} and written by {@link JsonWriter}. */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {}
