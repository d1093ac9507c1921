package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.OnChainPayment;
import dev.agentmarketplace.core.payment.SettlementMethod;
import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Fixed receipts and keys shared by the receipt tests; the values pinned by the tests depend on them. */
final class SampleReceipts {
    /** The known test key of the x402 digest (/work/shared/X402.md, vector 2); public, never a real platform key. */
    static final String KEY = "0x9d2675820d55300a05c8991df217a619bcfdc86e2fd91e56443dbbcf159337fd";

    static final WalletAddress KEY_ADDRESS = WalletAddress.of("0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73");
    /** Another key, for signatures that must not pass as the platform's. */
    static final String OTHER_KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    /** A hire paid through x402 on Base Sepolia. */
    static final SettlementReceipt X402 = new SettlementReceipt(
            TransactionId.of("0b9f7c1e-3a5d-4e2b-9c8a-1f2e3d4c5b6a"),
            AgentId.of("orchestrator-7"),
            AgentId.of("python-expert"),
            Capability.of("python code review"),
            Money.of("1.50", "USDC"),
            Money.of("0", "USDC"),
            new SettlementMethod.X402(
                    new OnChainPayment(
                            WalletAddress.of("0x857b06519E91e3A54538791bDbb0E22373e36b66"),
                            WalletAddress.of("0x209693Bc6afc0C5328bA36FaF03C514EF312287C"),
                            WalletAddress.of("0x036CbD53842c5426634e7929541eC2318f3dCF7e"),
                            "eip155:84532",
                            "0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480"),
                    "0x6d8b2a1e4f0c3b5a79e8d6c4b2a0f1e3d5c7b9a8e6f4d2c0b1a3e5f7d9c8b6a4"),
            Instant.parse("2025-05-29T12:04:07Z"),
            "3c5e7a9b1d2f4e6a8c0b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e4a");

    /** A hire its payer settled by hand, off chain, giving a wire transfer's reference. */
    static final SettlementReceipt MANUAL = new SettlementReceipt(
            TransactionId.of("7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a0f"),
            AgentId.of("research_bot"),
            AgentId.of("translator-de"),
            Capability.of("translation"),
            Money.of("12.30", "EUR"),
            Money.of("0", "EUR"),
            new SettlementMethod.OffChain(Optional.of("wire 2025-06-01 #4711")),
            Instant.parse("2025-06-01T08:30:00Z"),
            "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90");

    /** A second x402 hire between other agents, paid in EURC on Base, 0.10 of it refunded by a dispute. */
    static final SettlementReceipt EURC = new SettlementReceipt(
            TransactionId.of("c4a1e2f3-5b6d-4c7e-8f9a-0b1c2d3e4f5a"),
            AgentId.of("python-expert"),
            AgentId.of("sql-tuner"),
            Capability.of("query optimisation"),
            Money.of("0.25", "EURC"),
            Money.of("0.10", "EURC"),
            new SettlementMethod.X402(
                    new OnChainPayment(
                            WalletAddress.of("0x209693Bc6afc0C5328bA36FaF03C514EF312287C"),
                            WalletAddress.of("0x7553F6FA4Fb62986b64f79aEFa1fB93ea64A22b1"),
                            WalletAddress.of("0x60a3E35Cc302bFA44Cb288Bc5a4F316Fdb1adb42"),
                            "eip155:8453",
                            "0x9b750f5097972d82c02ac371278b83ecf3ca3be8387db59e664eb38c98f97a3d"),
                    "0x0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"),
            Instant.parse("2025-06-01T17:45:12Z"),
            "5f4e3d2c1b0a99887766554433221100ffeeddccbbaa99887766554433221100");

    /** The three receipts in the order the tests' exports hold them. */
    static final List<SettlementReceipt> ALL = List.of(X402, MANUAL, EURC);

    private SampleReceipts() {}

    static PrivateKeySigner key() {
        return PrivateKeySigner.fromHex(KEY);
    }

    static Eip712ReceiptSigner signer() {
        return new Eip712ReceiptSigner(key());
    }
}
