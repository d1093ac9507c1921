// The v1 reference client (the legacy "x402" package) pays a v1 402 body.
//
// in:  {"paymentRequired": {"x402Version": 1, "error"?: "...", "accepts": [...]},
//       "privateKey": "0x<64 hex>", "network"?: "base-sepolia" | ["base", ...]}
// out: {"headerName": "X-PAYMENT", "header": "<base64 X-PAYMENT value>",
//       "selected": {<the requirement chosen>}, "payload": {<the payment in the header>}}
import { account, decodeHeaderJson, requireObject, run } from "./lib/cli.mjs";
import { payV1 } from "./lib/reference-clients.mjs";

run("pay-v1", async (input) => {
  const signer = account(input);
  const paymentRequired = requireObject(input, "paymentRequired");
  const { headerName, header, selected } = await payV1(signer, paymentRequired, input);
  return { headerName, header, selected, payload: decodeHeaderJson(header) };
});
