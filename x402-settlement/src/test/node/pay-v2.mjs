// The v2 reference client (@x402/core + @x402/evm) pays a PAYMENT-REQUIRED header.
//
// in:  {"paymentRequired": "<base64 PAYMENT-REQUIRED value>", "privateKey": "0x<64 hex>",
//       "paymentId"?: "<16-128 of [A-Za-z0-9_-]>" | true, "spendControls"?: false | {...}}
// out: {"headerName": "PAYMENT-SIGNATURE", "header": "<base64 PAYMENT-SIGNATURE value>",
//       "payload": {<the PaymentPayload in it>}, "paymentId": "<id sent>" | null}
import { decodePaymentRequiredHeader } from "@x402/core/http";
import { account, decodeHeaderJson, requireString, run } from "./lib/cli.mjs";
import { payV2 } from "./lib/reference-clients.mjs";

run("pay-v2", async (input) => {
  const signer = account(input);
  const paymentRequired = decodePaymentRequiredHeader(requireString(input, "paymentRequired"));
  const { headerName, header, paymentId } = await payV2(signer, paymentRequired, input);
  return { headerName, header, payload: decodeHeaderJson(header), paymentId };
});
