// The reference x402 clients, set up as an application following the SDKs' READMEs would set them up:
// v2 is @x402/core's x402Client with @x402/evm's exact scheme; v1 is the legacy "x402" package.
import { x402Client, x402HTTPClient } from "@x402/core/client";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import { appendPaymentIdentifierToExtensions, generatePaymentId } from "@x402/extensions/payment-identifier";
import { createPaymentHeader, selectPaymentRequirements } from "x402/client";
import { UsageError } from "./cli.mjs";

/**
 * v2: the PAYMENT-SIGNATURE header the reference client makes for a decoded PaymentRequired.
 * paymentId (a string, or true to let the SDK generate one) goes in through the payment-identifier
 * extension, which the SDK only fills in where the 402 declared it. spendControls, when given, is
 * handed to x402Client.setSpendControls (false lifts the SDK's default cap of $1 per payment).
 */
export async function payV2(signer, paymentRequired, { paymentId, spendControls } = {}) {
  const client = new x402Client();
  registerExactEvmScheme(client, { signer });
  if (spendControls !== undefined) {
    client.setSpendControls(spendControls);
  }
  let usedPaymentId = null;
  if (paymentId !== undefined && paymentId !== null && paymentId !== false) {
    const id = paymentId === true ? generatePaymentId() : paymentId;
    const extensions = paymentRequired.extensions ?? {};
    appendPaymentIdentifierToExtensions(extensions, id);
    if (extensions["payment-identifier"]?.info?.id !== id) {
      throw new UsageError(
        'paymentId given, but the 402 declares no "payment-identifier" extension: ' +
          "the reference client would not send it",
      );
    }
    paymentRequired.extensions = extensions;
    usedPaymentId = id;
  }
  const http = new x402HTTPClient(client);
  const payload = await http.createPaymentPayload(paymentRequired);
  const headers = http.encodePaymentSignatureHeader(payload);
  const [headerName, header] = Object.entries(headers)[0];
  return { http, headerName, header, payload, paymentId: usedPaymentId };
}

/**
 * v1: the X-PAYMENT header the legacy client makes: selectPaymentRequirements picks an "exact"
 * requirement (USDC first; restricted to network when given), createPaymentHeader signs it.
 */
export async function payV1(signer, paymentRequired, { network } = {}) {
  const { x402Version, accepts } = paymentRequired;
  if (x402Version !== 1 || !Array.isArray(accepts) || accepts.length === 0) {
    throw new UsageError('a v1 402 body is {"x402Version": 1, "accepts": [...]}, at least one requirement');
  }
  const selected = selectPaymentRequirements(accepts, network, "exact");
  const header = await createPaymentHeader(signer, 1, selected);
  return { headerName: "X-PAYMENT", header, selected };
}
