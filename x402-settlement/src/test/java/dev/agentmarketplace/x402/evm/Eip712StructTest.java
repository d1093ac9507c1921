package dev.agentmarketplace.x402.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class Eip712StructTest {
    private static final Eip712Struct NAME_VERSION_DOMAIN =
            Eip712Struct.parse("EIP712Domain(string name,string version)");
    private static final Eip712Struct SAMPLE = Eip712Struct.parse("Sample(uint8 small,uint256 big,bytes32 word)");

    @Test
    void encodeTypeIsTheDeclarationItWasParsedFrom() {
        Eip712Struct type = Eip712Struct.parse("Mail(address from,address to,string contents)");

        assertThat(type.encodeType()).isEqualTo("Mail(address from,address to,string contents)");
        assertThat(type.name()).isEqualTo("Mail");
        assertThat(type.members())
                .containsExactly(
                        new Eip712Struct.Member("from", Eip712Type.ADDRESS),
                        new Eip712Struct.Member("to", Eip712Type.ADDRESS),
                        new Eip712Struct.Member("contents", Eip712Type.STRING));
    }

    @Test
    void nameAndVersionDomainTypeHashIsTheWellKnownOne() {
        // keccak256("EIP712Domain(string name,string version)"), as ethers' and viem's hashDomain give it.
        assertThat(X402VectorsTest.hex(NAME_VERSION_DOMAIN.typeHash()))
                .isEqualTo("0xb03948446334eb9b2196d5eb166f69b9d49403eb4a12f36de8d3f9f3cb8e15c3");
    }

    @Test
    void hashStructOfIntegerAndBytes32MembersMatchesAnIndependentImplementation() {
        byte[] word = new byte[32];
        word[31] = 7;

        byte[] hash = SAMPLE.encoder()
                .uint("small", BigInteger.valueOf(255))
                .uint("big", BigInteger.ONE.shiftLeft(255))
                .bytes32("word", word)
                .hash();

        // ethers 6 TypedDataEncoder.hashStruct("Sample", types, {small: 255, big: 2n ** 255n, word: 0x00..07}).
        assertThat(X402VectorsTest.hex(hash))
                .isEqualTo("0x4d3ad6c44b1190f9afa7f1bf1e17c198a14d1c85ca7bbbe5f09b09d1053ad983");
    }

    @Test
    void declarationsOutsideTheCanonicalFormAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Eip712Struct.parse("Mail(address from, address to)"))
                .withMessage("' address to' in 'Mail(address from, address to)' is not 'type name'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Eip712Struct.parse("Mail(bytes data)"))
                .withMessage(
                        "unsupported EIP-712 member type 'bytes' (supported: string, address, uint8, uint256, bytes32)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Eip712Struct.parse("Mail(address to,string to)"))
                .withMessage("member 'to' is declared twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Eip712Struct.parse("Mail()"))
                .withMessage("'Mail()' is not Name(type name,...)");
    }

    @Test
    void aValueOutsideItsIntegerTypeIsMalformedInput() {
        assertThatThrownBy(() -> SAMPLE.encoder().uint("small", BigInteger.valueOf(256)))
                .isInstanceOfSatisfying(
                        EvmPayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(EvmPayloadException.Reason.INVALID_PAYLOAD))
                .hasMessage("invalid_payload: small: 256 is outside the uint8 range [0, 256)");
        assertThatThrownBy(() -> SAMPLE.encoder().uint("small", BigInteger.valueOf(-1)))
                .hasMessage("invalid_payload: small: -1 is outside the uint8 range [0, 256)");
        assertThatThrownBy(() -> SAMPLE.encoder()
                        .uint("small", BigInteger.ONE)
                        .uint("big", BigInteger.ONE)
                        .bytes32("word", new byte[31]))
                .hasMessage("invalid_payload: word: 31 bytes where a bytes32 has 32");
    }

    @Test
    void membersGivenOutOfOrderWithTheWrongTypeOrLeftOutAreProgrammingErrors() {
        assertThatIllegalStateException()
                .isThrownBy(() -> SAMPLE.encoder().uint("big", BigInteger.ONE))
                .withMessage("Sample(uint8 small,uint256 big,bytes32 word): 'big' given where 'small' comes next");
        assertThatIllegalStateException()
                .isThrownBy(() -> SAMPLE.encoder().string("small", "1"))
                .withMessage("Sample(uint8 small,uint256 big,bytes32 word): 'small' given as string, declared uint8");
        assertThatIllegalStateException()
                .isThrownBy(() -> SAMPLE.encoder().uint("small", BigInteger.ONE).hash())
                .withMessage("Sample(uint8 small,uint256 big,bytes32 word): member 'big' was not encoded");
        assertThatIllegalStateException()
                .isThrownBy(() -> NAME_VERSION_DOMAIN
                        .encoder()
                        .string("name", "a")
                        .string("version", "1")
                        .string("chainId", "1"))
                .withMessage("EIP712Domain(string name,string version): 'chainId' given after the last member");
    }

    @Test
    void digestIsKeccakOfTheEip191PrefixTheSeparatorAndTheStructHash() {
        // keccak256(0x1901 ‖ 32 zero bytes ‖ 32 zero bytes), computed independently with ethers.
        assertThat(X402VectorsTest.hex(Eip712Struct.digest(new byte[32], new byte[32])))
                .isEqualTo("0x0b15111afa5c2b936d8dd23e1ffc4a97dd7a9af57a8144231ff70b749ab128d0");
        assertThatThrownBy(() -> Eip712Struct.digest(new byte[32], new byte[20]))
                .hasMessage("invalid_payload: structHash: 20 bytes where a hash has 32");
    }
}
