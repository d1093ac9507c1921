package dev.agentmarketplace.core;

/** Stable, machine-readable codes of domain errors; adapters map them to protocol errors in one place. */
public enum ErrorCode {
    // Input
    INVALID_VALUE,
    BULK_REJECTED,
    CURRENCY_MISMATCH,
    CONCURRENT_MODIFICATION,

    // Registry
    AGENT_NOT_FOUND,
    AGENT_ALREADY_REGISTERED,
    AGENT_DEREGISTERED,

    // Hiring and the ledger
    SELF_HIRE,
    CAPABILITY_NOT_OFFERED,
    PROVIDER_UNAVAILABLE,
    CAPACITY_EXCEEDED,
    BELOW_LISTED_PRICE,
    IDEMPOTENCY_MISMATCH,
    TRANSACTION_NOT_FOUND,
    ILLEGAL_TRANSITION,
    NOT_A_PARTY,

    // Disputes
    DISPUTE_NOT_FOUND,
    DISPUTE_WINDOW_CLOSED,
    EVIDENCE_DEADLINE_PASSED,
    INVALID_REFUND,

    // Reputation
    FEEDBACK_NOT_ALLOWED,
    FEEDBACK_ALREADY_GIVEN,

    // Discovery
    NO_AGENT_AVAILABLE,

    // x402 payments and settlement receipts
    PAYMENT_REQUIRED,
    PAYMENT_NOT_ACCEPTED,
    PAYMENT_IN_PROGRESS,
    AUTHORIZATION_ALREADY_USED,
    FACILITATOR_UNAVAILABLE,
    RECEIPT_NOT_FOUND,

    // Access and the edges of the API
    ROLE_REQUIRED,
    ACTING_AS_ANOTHER_AGENT,
    CLIENT_ALREADY_EXISTS,
    CLIENT_NOT_FOUND,
    LOCAL_ISSUER_DISABLED,
    IDEMPOTENCY_IN_PROGRESS,
    RATE_LIMITED
}
