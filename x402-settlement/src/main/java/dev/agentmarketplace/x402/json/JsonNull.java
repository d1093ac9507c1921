package dev.agentmarketplace.x402.json;

public enum JsonNull implements JsonValue {
    NULL
}
