// A full paid request through the v1 reference client (the legacy "x402" package): the request
// unpaid, its 402 with the v1 body, the same request with X-PAYMENT.
//
// in:  {"url": "http://...", "privateKey": "0x<64 hex>",
//       "method"?: "GET" (POST when a body is given), "headers"?: {"Authorization": "Bearer ...",
//       "Idempotency-Key": "...", "Content-Type": "..."}, "body"?: <any JSON, sent as JSON>,
//       "timeoutMs"?: 30000, "network"?: "base-sepolia" | [...]}
// out: {"challenge": {"status": 402, "headers": {...}, "body": {"x402Version": 1, "accepts": [...]}},
//       "payment":   {"headerName": "X-PAYMENT", "header": "<base64>", "selected": {...}, "payload": {...}},
//       "response":  {"status": ..., "headers": {<lower-case names>}, "body": ...,
//                     "paymentResponse": {<X-PAYMENT-RESPONSE decoded>} | null}}
// Any answer to the paid request is printed (exit 0); an unpaid answer other than a v1 402 exits 1.
import { decodeXPaymentResponse } from "x402/shared";
import { account, decodeHeaderJson, run } from "./lib/cli.mjs";
import { describe, requestFromInput, requirePaymentRequired, send } from "./lib/exchange.mjs";
import { payV1 } from "./lib/reference-clients.mjs";

run("fetch-v1", async (input) => {
  const signer = account(input);
  const request = requestFromInput(input);

  const challenge = await send(request);
  requirePaymentRequired(challenge);
  if (challenge.body?.x402Version !== 1) {
    throw new Error(`the 402 body is no v1 payment request: ${JSON.stringify(challenge.body)}`);
  }

  const payment = await payV1(signer, challenge.body, input);
  const response = await send(request, { [payment.headerName]: payment.header });
  const settlement = response.getHeader("X-PAYMENT-RESPONSE");

  return {
    challenge: describe(challenge),
    payment: {
      headerName: payment.headerName,
      header: payment.header,
      selected: payment.selected,
      payload: decodeHeaderJson(payment.header),
    },
    response: describe(response, { paymentResponse: settlement ? decodeXPaymentResponse(settlement) : null }),
  };
});
