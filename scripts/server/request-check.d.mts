// Types of request-check.mjs (plain JavaScript, because the server starts under plain node).
export function decodableTarget(url: string | undefined): boolean;
export function unusableAction(
  req: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> },
  body: Buffer | null,
): Promise<string | null>;
