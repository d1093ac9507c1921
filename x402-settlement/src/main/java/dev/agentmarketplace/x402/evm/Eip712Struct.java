package dev.agentmarketplace.x402.evm;

import dev.agentmarketplace.core.hash.Keccak256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EIP-712 struct type with atomic (and {@code string}) members, declared by its type string, e.g.
 * {@code Mail(address from,address to,string contents)}. It gives the type hash and encodes a
 * value's members in declaration order to {@code hashStruct} (EIP-712 §Definition of hashStruct).
 *
 * <p>Declaring a type by the very string that is hashed keeps the documented type and the signed
 * one from drifting apart: field order and spelling are part of the type hash.
 */
public final class Eip712Struct {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern DECLARATION = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)\\(([^()]+)\\)");
    private static final Pattern MEMBER = Pattern.compile("([a-z0-9]+) ([A-Za-z_$][A-Za-z0-9_$]*)");
    private static final byte[] PREFIX = {0x19, 0x01};

    /** One member of the struct, in declaration order. */
    public record Member(String name, Eip712Type type) {
        public Member {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a member name");
            }
            Objects.requireNonNull(type, "type");
        }
    }

    private final String name;
    private final List<Member> members;
    private final String encodedType;
    private final byte[] typeHash;

    private Eip712Struct(String name, List<Member> members) {
        this.name = name;
        this.members = List.copyOf(members);
        this.encodedType = name
                + "("
                + String.join(
                        ",",
                        members.stream()
                                .map(m -> m.type().solidityName() + " " + m.name())
                                .toList())
                + ")";
        this.typeHash = Keccak256.hash(encodedType.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The struct declared by {@code encodedType} in the canonical form of EIP-712 §Definition of
     * encodeType: {@code Name(type1 name1,type2 name2,...)}, no spaces but the one between a type and
     * its name. Anything else is refused, so that {@link #encodeType()} returns exactly the input.
     */
    public static Eip712Struct parse(String encodedType) {
        Matcher declaration = DECLARATION.matcher(Objects.requireNonNull(encodedType, "encodedType"));
        if (!declaration.matches()) {
            throw new IllegalArgumentException("'" + encodedType + "' is not Name(type name,...)");
        }
        List<Member> members = new ArrayList<>();
        var names = new HashSet<String>();
        for (String member : declaration.group(2).split(",", -1)) {
            Matcher parts = MEMBER.matcher(member);
            if (!parts.matches()) {
                throw new IllegalArgumentException("'" + member + "' in '" + encodedType + "' is not 'type name'");
            }
            if (!names.add(parts.group(2))) {
                throw new IllegalArgumentException("member '" + parts.group(2) + "' is declared twice");
            }
            members.add(new Member(parts.group(2), Eip712Type.named(parts.group(1))));
        }
        return new Eip712Struct(declaration.group(1), members);
    }

    /**
     * The digest a signer signs: keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)),
     * EIP-712 §Specification.
     */
    public static byte[] digest(byte[] domainSeparator, byte[] structHash) {
        requireWord("domainSeparator", domainSeparator);
        requireWord("structHash", structHash);
        byte[] input = new byte[PREFIX.length + 2 * Eip712.WORD];
        System.arraycopy(PREFIX, 0, input, 0, PREFIX.length);
        System.arraycopy(domainSeparator, 0, input, PREFIX.length, Eip712.WORD);
        System.arraycopy(structHash, 0, input, PREFIX.length + Eip712.WORD, Eip712.WORD);
        return Keccak256.hash(input);
    }

    public String name() {
        return name;
    }

    public List<Member> members() {
        return members;
    }

    /** {@code encodeType}, EIP-712 §Definition of encodeType. */
    public String encodeType() {
        return encodedType;
    }

    /** {@code typeHash = keccak256(encodeType(typeOf(s)))}. */
    public byte[] typeHash() {
        return typeHash.clone();
    }

    /** An encoder for one value of this type: give every member, in declaration order, then {@code hash()}. */
    public Encoder encoder() {
        return new Encoder();
    }

    @Override
    public String toString() {
        return encodedType;
    }

    private static void requireWord(String what, byte[] word) {
        if (word == null || word.length != Eip712.WORD) {
            throw EvmPayloadException.invalidPayload(
                    what, (word == null ? "missing" : word.length + " bytes") + " where a hash has 32");
        }
    }

    /**
     * Collects {@code encodeData} (EIP-712 §Definition of encodeData): the type hash, then one
     * 32-byte word per member, atomic values big-endian left-padded and {@code string} as the
     * keccak256 of its UTF-8 bytes. A member given out of order or with the wrong type is a
     * programming error; a value outside its type's range is malformed input.
     */
    public final class Encoder {
        private final byte[] out = new byte[(members.size() + 1) * Eip712.WORD];
        private int next;

        private Encoder() {
            System.arraycopy(typeHash, 0, out, 0, Eip712.WORD);
        }

        public Encoder string(String member, String value) {
            Eip712.require(member, value);
            return word(member, Eip712Type.STRING, Keccak256.hash(value.getBytes(StandardCharsets.UTF_8)));
        }

        public Encoder address(String member, EvmAddress value) {
            byte[] word = new byte[Eip712.WORD];
            byte[] bytes = Eip712.require(member, value).bytes();
            System.arraycopy(bytes, 0, word, Eip712.WORD - EvmAddress.LENGTH, EvmAddress.LENGTH);
            return word(member, Eip712Type.ADDRESS, word);
        }

        /** A {@code uint8} or {@code uint256} member, refused outside {@code [0, 2^bits)}. */
        public Encoder uint(String member, BigInteger value) {
            Eip712Type type = expected(member);
            if (type != Eip712Type.UINT8 && type != Eip712Type.UINT256) {
                throw mismatch(member, "an unsigned integer", type);
            }
            Eip712.require(member, value);
            if (value.signum() < 0 || value.compareTo(type.uintLimit()) >= 0) {
                throw EvmPayloadException.invalidPayload(
                        member,
                        value + " is outside the " + type.solidityName() + " range [0, " + type.uintLimit() + ")");
            }
            byte[] word = new byte[Eip712.WORD];
            Eip712.putWord(value, word, 0);
            return word(member, type, word);
        }

        public Encoder bytes32(String member, byte[] value) {
            Eip712.require(member, value);
            if (value.length != Eip712.WORD) {
                throw EvmPayloadException.invalidPayload(member, value.length + " bytes where a bytes32 has 32");
            }
            return word(member, Eip712Type.BYTES32, value);
        }

        /** {@code hashStruct(s) = keccak256(typeHash ‖ encodeData(s))}. */
        public byte[] hash() {
            if (next != members.size()) {
                throw new IllegalStateException(
                        encodedType + ": member '" + members.get(next).name() + "' was not encoded");
            }
            return Keccak256.hash(out);
        }

        private Encoder word(String member, Eip712Type type, byte[] word) {
            Eip712Type declared = expected(member);
            if (declared != type) {
                throw mismatch(member, type.solidityName(), declared);
            }
            next++;
            System.arraycopy(word, 0, out, next * Eip712.WORD, Eip712.WORD);
            return this;
        }

        private Eip712Type expected(String member) {
            if (next >= members.size()) {
                throw new IllegalStateException(encodedType + ": '" + member + "' given after the last member");
            }
            Member declared = members.get(next);
            if (!declared.name().equals(member)) {
                throw new IllegalStateException(
                        encodedType + ": '" + member + "' given where '" + declared.name() + "' comes next");
            }
            return declared.type();
        }

        private IllegalStateException mismatch(String member, String given, Eip712Type declared) {
            return new IllegalStateException(
                    encodedType + ": '" + member + "' given as " + given + ", declared " + declared.solidityName());
        }
    }
}
