// Verifies any EIP-712 signature with viem's verifyTypedData (local ECDSA recovery, no chain): an
// x402 payment authorization today, the platform's signed settlement receipts later.
//
// in:  {"domain": {...}, "types": {...}, "primaryType": "...", "message": {...},
//       "address": "0x<40 hex>", "signature": "0x..."}
//      (types without EIP712Domain, which viem derives from the domain; integers may be decimal strings)
// out: {"valid": true|false, "digest": "0x<64 hex>", "recoveredAddress": "0x..."|null, "error"?: "..."}
//      A signature that recovers to no address is "valid": false with the reason in "error";
//      unusable input (a field missing, a type not declared) exits 2.
import { hashTypedData, recoverTypedDataAddress, verifyTypedData } from "viem";
import { UsageError, requireString, run } from "./lib/cli.mjs";
import { typedDataFromJson } from "./lib/typed-data.mjs";

run("viem-verify", async (input) => {
  const typedData = typedDataFromJson(input);
  const address = requireString(input, "address");
  const signature = requireString(input, "signature");
  let digest;
  try {
    digest = hashTypedData(typedData);
  } catch (error) {
    throw new UsageError(`the typed data does not hash: ${error.shortMessage ?? error.message}`);
  }
  try {
    const recoveredAddress = await recoverTypedDataAddress({ ...typedData, signature });
    const valid = await verifyTypedData({ ...typedData, address, signature });
    return { valid, digest, recoveredAddress };
  } catch (error) {
    return { valid: false, digest, recoveredAddress: null, error: error.shortMessage ?? error.message };
  }
});
