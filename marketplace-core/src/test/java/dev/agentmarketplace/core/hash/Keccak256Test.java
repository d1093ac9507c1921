package dev.agentmarketplace.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Keccak256Test {

    @Test
    void hashesTheEmptyInputToTheKnownDigest() {
        assertThat(Keccak256.hexOf(new byte[0]))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void hashesAbc() {
        assertThat(Keccak256.hexOf("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    @Test
    void reproducesTheEip712DomainTypeHash() {
        String type = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
        assertThat(Keccak256.hexOf(type.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f");
    }

    @Test
    void reproducesTheTransferWithAuthorizationTypeHash() {
        String type = "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,"
                + "uint256 validBefore,bytes32 nonce)";
        assertThat(Keccak256.hexOf(type.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267");
    }

    @Test
    void hashesThePangram() {
        assertThat(Keccak256.hexOf("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
    }

    @Test
    void reproducesTheX402SpecificationStructHashAcrossTwoBlocks() {
        // hashStruct(TransferWithAuthorization) of the x402 specification's example: 7 words, 224
        // bytes, more than one 136-byte block.
        HexFormat hex = HexFormat.of();
        String encoded = "7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267"
                + "000000000000000000000000857b06519e91e3a54538791bdbb0e22373e36b66"
                + "000000000000000000000000209693bc6afc0c5328ba36faf03c514ef312287c"
                + "%064x".formatted(10000)
                + "%064x".formatted(1740672089)
                + "%064x".formatted(1740672154)
                + "f3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480";
        assertThat(Keccak256.hexOf(hex.parseHex(encoded)))
                .isEqualTo("49ad644555c7bdf3ea4fc022a4940ae5589b230b1dde0065c5504fa19bbe39a4");
    }
}
