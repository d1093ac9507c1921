package dev.agentmarketplace.core;

import java.util.UUID;

/** Port: fresh unique identifiers (transactions, disputes, journal entries). Tests use a predictable one. */
@FunctionalInterface
public interface IdGenerator {
    UUID next();
}
