// EIP-712 typed data read from JSON. Integers may arrive as decimal strings (a uint256 does not fit a
// JSON number, and x402 sends them as strings): each is turned into a BigInt where its declared type
// is an int or uint, so viem hashes exactly the value that was meant.
import { UsageError, requireObject, requireString } from "./cli.mjs";

export function typedDataFromJson(input) {
  const domain = requireObject(input, "domain");
  const types = requireObject(input, "types");
  const primaryType = requireString(input, "primaryType");
  const message = requireObject(input, "message");
  if (!Array.isArray(types[primaryType])) {
    throw new UsageError(`"types" has no struct named by "primaryType" (${primaryType})`);
  }
  const chainId = domain.chainId === undefined ? {} : { chainId: integer("domain.chainId", domain.chainId) };
  return {
    domain: { ...domain, ...chainId },
    types,
    primaryType,
    message: struct(types, primaryType, message, "message"),
  };
}

function struct(types, type, value, path) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`${path} must be an object of type ${type}`);
  }
  const out = { ...value };
  for (const field of types[type]) {
    if (field.name in value) {
      out[field.name] = member(types, field.type, value[field.name], `${path}.${field.name}`);
    }
  }
  return out;
}

function member(types, type, value, path) {
  const array = /^(.+)\[(\d*)\]$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) {
      throw new UsageError(`${path} must be an array of ${array[1]}`);
    }
    return value.map((item, index) => member(types, array[1], item, `${path}[${index}]`));
  }
  if (Array.isArray(types[type])) {
    return struct(types, type, value, path);
  }
  if (/^u?int\d*$/.test(type)) {
    return integer(path, value);
  }
  return value;
}

function integer(path, value) {
  if (typeof value === "bigint") {
    return value;
  }
  if (typeof value === "number" && Number.isSafeInteger(value)) {
    return BigInt(value);
  }
  if (typeof value === "string" && /^(-?[0-9]+|0x[0-9a-fA-F]+)$/.test(value)) {
    return BigInt(value);
  }
  throw new UsageError(`${path} must be an integer (a decimal string, 0x hex or a safe JSON number)`);
}
