// A full paid request through the v2 reference client (@x402/core's x402HTTPClient + @x402/evm):
// the request unpaid, its 402 with PAYMENT-REQUIRED, the same request with PAYMENT-SIGNATURE.
//
// in:  {"url": "http://...", "privateKey": "0x<64 hex>",
//       "method"?: "GET" (POST when a body is given), "headers"?: {"Authorization": "Bearer ...",
//       "Idempotency-Key": "...", "Content-Type": "..."}, "body"?: <any JSON, sent as JSON>,
//       "timeoutMs"?: 30000, "paymentId"?: "<id>" | true, "spendControls"?: false | {...}}
// out: {"challenge": {"status": 402, "headers": {...}, "body": ..., "paymentRequired": {...}},
//       "payment":   {"headerName": "PAYMENT-SIGNATURE", "header": "<base64>", "payload": {...},
//                     "paymentId": "<id>" | null},
//       "response":  {"status": ..., "headers": {<lower-case names>}, "body": ...,
//                     "paymentStatus": "settled" | "settle_failed" | "payment_required" | "none",
//                     "paymentResponse": {<PAYMENT-RESPONSE decoded>} | null,
//                     "paymentRequired": {<PAYMENT-REQUIRED of a second 402 decoded>} | null}}
// Any answer to the paid request is printed (exit 0); an unpaid answer other than a v2 402 exits 1.
import { decodePaymentRequiredHeader } from "@x402/core/http";
import { account, decodeHeaderJson, run } from "./lib/cli.mjs";
import { describe, requestFromInput, requirePaymentRequired, send } from "./lib/exchange.mjs";
import { payV2 } from "./lib/reference-clients.mjs";

run("fetch-v2", async (input) => {
  const signer = account(input);
  const request = requestFromInput(input);

  const challenge = await send(request);
  requirePaymentRequired(challenge);
  const required = challenge.getHeader("PAYMENT-REQUIRED");
  if (!required) {
    const body = JSON.stringify(challenge.body);
    throw new Error(`the 402 has no PAYMENT-REQUIRED header (a v1 server? use fetch-v1.mjs): ${body}`);
  }
  const paymentRequired = decodePaymentRequiredHeader(required);

  const payment = await payV2(signer, structuredClone(paymentRequired), input);
  const response = await send(request, { [payment.headerName]: payment.header });
  const result = payment.http.parsePaymentResult(response);

  return {
    challenge: describe(challenge, { paymentRequired }),
    payment: {
      headerName: payment.headerName,
      header: payment.header,
      payload: decodeHeaderJson(payment.header),
      paymentId: payment.paymentId,
    },
    response: describe(response, {
      paymentStatus: result.paymentStatus,
      paymentResponse: result.header && "success" in result.header ? result.header : null,
      paymentRequired: result.paymentStatus === "payment_required" ? result.header : null,
    }),
  };
});
