// Requests refused before Next.js sees them, because Next.js answers them with a 500 (and
// without the security headers): a target whose percent-escapes do not decode to UTF-8, and
// server-action calls that name no action or whose arguments do not decode.
import { nestsWithin } from '../../lib/security/json-depth.mjs';

/** Decodes a query component as a form does (`+` is a space); throws on a bad escape. */
function decodeQueryPart(part) {
  return decodeURIComponent(part.replace(/\+/g, ' '));
}

/**
 * Whether the request target's path and query decode: every `%` starts an escape, and the
 * escaped bytes are UTF-8.
 * @param {string | undefined} url
 */
export function decodableTarget(url) {
  const target = url ?? '';
  const question = target.indexOf('?');
  const path = question < 0 ? target : target.slice(0, question);
  const query = question < 0 ? '' : target.slice(question + 1);
  try {
    decodeURIComponent(path);
    for (const pair of query.split('&')) for (const part of pair.split('=')) decodeQueryPart(part);
    return true;
  } catch {
    return false;
  }
}

/** Next.js's action ids: hex digests (40 hex digits, 42 with the kind prefix). */
const ACTION_ID = /^[0-9a-f]{40,42}$/i;
/** The fields a form posted before the page's script ran carries to name its action. */
const FORM_ACTION_FIELD = /(\$|%24)ACTION_(ID|REF)_/;
const FORM_TYPES = /^\s*(multipart\/form-data|application\/x-www-form-urlencoded)\b/i;

/**
 * Whether `text` is JSON for a list (the arguments React's encodeReply sends) that nests
 * shallowly enough for React to decode it without overflowing the stack.
 */
function argumentList(text) {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) && nestsWithin(value);
  } catch {
    return false;
  }
}

/** Whether every field of a multipart call that holds JSON nests shallowly enough. */
function shallowFields(form) {
  for (const [, value] of form) {
    if (typeof value !== 'string') continue;
    try {
      if (!nestsWithin(JSON.parse(value))) return false;
    } catch {
      // Not JSON: a plain text field.
    }
  }
  return true;
}

/**
 * Why a call's arguments cannot be decoded (null when they can): React's encodeReply sends
 * them as a JSON list, or as a multipart form whose field "0" is that list.
 * @param {string | undefined} type
 * @param {Buffer | null} body
 */
async function undecodableArguments(type, body) {
  if (type && /^\s*multipart\/form-data\b/i.test(type)) {
    const form = await new Response(body, { headers: { 'content-type': type } })
      .formData()
      .catch(() => null);
    const root = form?.get('0');
    return form && typeof root === 'string' && argumentList(root) && shallowFields(form)
      ? null
      : 'the form holds no arguments, or too deeply nested ones';
  }
  return argumentList(body?.toString('utf8') ?? '')
    ? null
    : 'the arguments are not a JSON list, or nest too deeply';
}

/**
 * Why a POST to a page cannot be a server action (null when it can): a `Next-Action` header
 * that is no action id, arguments that do not decode, or a form posted without the header
 * that names no action in its fields. The routes under /api/ are route handlers, not actions.
 * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} req
 * @param {Buffer | null} body
 * @returns {Promise<string | null>}
 */
export async function unusableAction(req, body) {
  if (req.method !== 'POST' || (req.url ?? '').startsWith('/api/')) return null;
  const header = req.headers['next-action'];
  const type = req.headers['content-type'];
  if (header !== undefined) {
    if (typeof header !== 'string' || !ACTION_ID.test(header.trim())) {
      return 'the Next-Action header names no action';
    }
    return undecodableArguments(typeof type === 'string' ? type : undefined, body);
  }
  if (typeof type === 'string' && FORM_TYPES.test(type)) {
    return body && FORM_ACTION_FIELD.test(body.toString('latin1'))
      ? null
      : 'the form names no action';
  }
  return null;
}
