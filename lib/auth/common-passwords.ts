// New passwords are checked against a list of the most common ones (what breached-password
// corpora show first: zxcvbn-ts's `passwords-common`, about 49,000 entries, MIT licence),
// loaded on first use so that pages which never set a password do not pay for it.
let common: Promise<ReadonlySet<string>> | null = null;

function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common']),
  );
  return common;
}

/** Whether `password` is on the common-password list (case-insensitively, as it is stored). */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await commonPasswords()).has(password.toLowerCase());
}
