import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

// 32 symbols: each character carries 5 bits; 24 characters give 120 bits of entropy.
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

export function randomToken(length = 24): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += ALPHABET[b >> 3];
  return out;
}

export function sha256Bytes(value: string): Uint8Array {
  return sha256(new TextEncoder().encode(value));
}

/** Single-use mail links are looked up by the hash of their token, never stored in clear. */
export const hashToken = (token: string) => encodeHexLowerCase(sha256Bytes(token));
