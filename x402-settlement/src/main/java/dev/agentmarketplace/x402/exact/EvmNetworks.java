package dev.agentmarketplace.x402.exact;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EVM networks under their two spellings: CAIP-2 in x402 version 2 ({@code eip155:8453}, whose
 * reference is the chain id) and a bare name in version 1 ({@code base}).
 *
 * <p>The version 1 names are those of the legacy SDK's network table (x402 1.x, {@code
 * EvmNetworkToChainId}); only the networks with a USDC that implements EIP-3009 are listed:
 *
 * <table>
 *   <caption>Version 1 names</caption>
 *   <tr><th>v1 name</th><th>CAIP-2</th></tr>
 *   <tr><td>base</td><td>eip155:8453</td></tr>
 *   <tr><td>base-sepolia</td><td>eip155:84532</td></tr>
 *   <tr><td>avalanche</td><td>eip155:43114</td></tr>
 *   <tr><td>avalanche-fuji</td><td>eip155:43113</td></tr>
 *   <tr><td>polygon</td><td>eip155:137</td></tr>
 *   <tr><td>polygon-amoy</td><td>eip155:80002</td></tr>
 * </table>
 */
public final class EvmNetworks {

    private static final Map<String, String> V1_NAMES = table();
    // CAIP-2 for EVM (CAIP-2 §eip155 namespace): the reference is the decimal chain id, no leading zero.
    private static final Pattern EIP155 = Pattern.compile("eip155:([1-9][0-9]{0,31})");

    private EvmNetworks() {}

    private static Map<String, String> table() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("base", "eip155:8453");
        names.put("base-sepolia", "eip155:84532");
        names.put("avalanche", "eip155:43114");
        names.put("avalanche-fuji", "eip155:43113");
        names.put("polygon", "eip155:137");
        names.put("polygon-amoy", "eip155:80002");
        return names;
    }

    /** The CAIP-2 id of {@code network}, given either way; empty when it is no EVM network we know. */
    public static Optional<String> caip2(String network) {
        if (network == null) {
            return Optional.empty();
        }
        if (EIP155.matcher(network).matches()) {
            return Optional.of(network);
        }
        return Optional.ofNullable(V1_NAMES.get(network));
    }

    /** The version 1 name of a CAIP-2 network; empty when version 1 has no name for it. */
    public static Optional<String> v1Name(String caip2) {
        return V1_NAMES.entrySet().stream()
                .filter(entry -> entry.getValue().equals(caip2))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The EIP-155 chain id of {@code network}, given either way: the EIP-712 domain's {@code chainId}. */
    public static Optional<BigInteger> chainId(String network) {
        return caip2(network).map(id -> {
            Matcher matcher = EIP155.matcher(id);
            if (!matcher.matches()) {
                throw new IllegalStateException("the table holds only eip155 ids, not " + id);
            }
            return new BigInteger(matcher.group(1));
        });
    }
}
