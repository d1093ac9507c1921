// The plumbing every interop script shares: one JSON object in (the first argument, or stdin when
// there is none or it is "-"), one JSON object out on stdout. Failure: a message on stderr and exit
// code 2 for unusable input, 1 for anything else. The Java runner (NodeScripts) relies on this.
import { privateKeyToAccount } from "viem/accounts";

export class UsageError extends Error {}

export function run(script, handler) {
  readInput()
    .then(handler)
    .then((output) => {
      process.stdout.write(`${JSON.stringify(output, jsonSafe)}\n`);
    })
    .catch((error) => {
      let detail = error instanceof UsageError ? error.message : (error?.stack ?? String(error));
      if (error?.cause) {
        detail += `\ncaused by: ${error.cause?.stack ?? error.cause}`;
      }
      process.stderr.write(`${script}: ${detail}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    });
}

async function readInput() {
  const argument = process.argv[2];
  const text = argument !== undefined && argument !== "-" ? argument : await readStdin();
  if (text.trim() === "") {
    throw new UsageError("expected a JSON object as the first argument or on stdin");
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the input is not JSON: ${error.message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError("the input must be a JSON object");
  }
  return value;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// uint256 values travel as decimal strings, as x402 itself carries them.
function jsonSafe(_key, value) {
  return typeof value === "bigint" ? value.toString() : value;
}

export function requireString(input, name) {
  const value = input[name];
  if (typeof value !== "string" || value === "") {
    throw new UsageError(`"${name}" must be a non-empty string`);
  }
  return value;
}

export function requireObject(input, name) {
  const value = input[name];
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`"${name}" must be a JSON object`);
  }
  return value;
}

export function optionalObject(input, name) {
  return input[name] === undefined ? undefined : requireObject(input, name);
}

export function account(input) {
  const key = requireString(input, "privateKey");
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) {
    throw new UsageError('"privateKey" must be 0x followed by 64 hex digits');
  }
  return privateKeyToAccount(key);
}

/** The JSON inside a base64 x402 header, parsed without any SDK's opinion of it. */
export function decodeHeaderJson(header) {
  return JSON.parse(Buffer.from(header, "base64").toString("utf8"));
}
