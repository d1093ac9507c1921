package dev.agentmarketplace.x402.exact;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EvmNetworksTest {

    @Test
    void v1BaseNamesMapToTheirCaip2Ids() {
        assertThat(EvmNetworks.caip2("base")).contains("eip155:8453");
        assertThat(EvmNetworks.caip2("base-sepolia")).contains("eip155:84532");
        assertThat(EvmNetworks.v1Name("eip155:8453")).contains("base");
        assertThat(EvmNetworks.v1Name("eip155:84532")).contains("base-sepolia");
    }

    @Test
    void chainIdIsTheCaip2ReferenceInEitherSpelling() {
        assertThat(EvmNetworks.chainId("eip155:84532")).contains(BigInteger.valueOf(84532));
        assertThat(EvmNetworks.chainId("base-sepolia")).contains(BigInteger.valueOf(84532));
        assertThat(EvmNetworks.chainId("eip155:1")).contains(BigInteger.ONE);
    }

    @Test
    void unknownNamesAndOtherNamespacesHaveNoChainId() {
        assertThat(EvmNetworks.chainId("moonbase")).isEmpty();
        assertThat(EvmNetworks.chainId("solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp"))
                .isEmpty();
        assertThat(EvmNetworks.chainId("eip155:01")).isEmpty();
        assertThat(EvmNetworks.v1Name("eip155:1")).isEmpty();
    }
}
