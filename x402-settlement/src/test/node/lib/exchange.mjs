// One paid HTTP exchange as an x402 client does it: the request without payment, the 402, the same
// request again with the payment header. Both fetch scripts describe it in the same JSON shape.
import { UsageError, optionalObject, requireString } from "./cli.mjs";

const DEFAULT_TIMEOUT_MS = 30_000;

/** The request of the fetch scripts' input: url, method, headers, body (any JSON), timeoutMs. */
export function requestFromInput(input) {
  const url = requireString(input, "url");
  const method = (input.method ?? (input.body === undefined ? "GET" : "POST")).toUpperCase();
  const headers = { ...(optionalObject(input, "headers") ?? {}) };
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string") {
      throw new UsageError(`header "${name}" must be a string`);
    }
  }
  let body;
  if (input.body !== undefined) {
    body = JSON.stringify(input.body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) {
      headers["Content-Type"] = "application/json";
    }
  }
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError('"timeoutMs" must be a positive integer');
  }
  return { url, method, headers, body, timeoutMs };
}

/** Sends the request, with extra headers; answers status, headers (names in lower case) and body. */
export async function send(request, extraHeaders = {}) {
  const response = await fetch(request.url, {
    method: request.method,
    headers: { ...request.headers, ...extraHeaders },
    body: request.body,
    redirect: "manual",
    signal: AbortSignal.timeout(request.timeoutMs),
  });
  const text = await response.text();
  const headers = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    status: response.status,
    headers,
    body: parseBody(text, headers["content-type"]),
    getHeader: (name) => response.headers.get(name),
  };
}

function parseBody(text, contentType) {
  if (text === "") {
    return null;
  }
  if (/json/i.test(contentType ?? "")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The unpaid request must have been answered 402; anything else ends the exchange. */
export function requirePaymentRequired(challenge) {
  if (challenge.status !== 402) {
    const body = JSON.stringify(challenge.body);
    throw new Error(`expected 402 Payment Required to the unpaid request, got ${challenge.status}: ${body}`);
  }
}

/** A response as the scripts print it: without the getHeader function, with the decoded x402 headers. */
export function describe({ getHeader: _getHeader, ...response }, decoded) {
  return { ...response, ...decoded };
}
