// Signs an EIP-3009 TransferWithAuthorization with a private key through viem's signTypedData: the
// signature an x402 client built on viem puts in its payment.
//
// in:  {"privateKey": "0x<64 hex>",
//       "domain": {"name", "version", "chainId", "verifyingContract"},
//       "message": {"from"?, "to", "value", "validAfter", "validBefore", "nonce"}}
//      (from defaults to the key's address; integers as decimal strings)
// out: {"address": "0x<key's EIP-55 address>", "digest": "0x<64 hex>", "signature": "0x<130 hex>"}
import { hashTypedData } from "viem";
import { account, run } from "./lib/cli.mjs";
import { typedDataFromJson } from "./lib/typed-data.mjs";

const TRANSFER_WITH_AUTHORIZATION = [
  { name: "from", type: "address" },
  { name: "to", type: "address" },
  { name: "value", type: "uint256" },
  { name: "validAfter", type: "uint256" },
  { name: "validBefore", type: "uint256" },
  { name: "nonce", type: "bytes32" },
];

run("viem-sign-3009", async (input) => {
  const signer = account(input);
  const typedData = typedDataFromJson({
    domain: input.domain,
    types: { TransferWithAuthorization: TRANSFER_WITH_AUTHORIZATION },
    primaryType: "TransferWithAuthorization",
    message: { from: signer.address, ...input.message },
  });
  return {
    address: signer.address,
    digest: hashTypedData(typedData),
    signature: await signer.signTypedData(typedData),
  };
});
