// Class join codes: short, unambiguous when read aloud or copied from a projector (no 0/O,
// 1/I/L), drawn from an injected source of random bytes.

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 8;

export function joinCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < JOIN_CODE_LENGTH) throw new Error('need one random byte per character');
  let code = '';
  // 256 is not a multiple of 31; the small bias does not matter for a code that is rate
  // limited and rotatable, not a secret key.
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += ALPHABET[bytes[i]! % ALPHABET.length];
  return code;
}

/** What a student typed, normalised: case, spaces and dashes do not matter. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const c of code) if (!ALPHABET.includes(c)) return null;
  return code;
}
