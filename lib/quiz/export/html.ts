// Text → HTML and XML helpers shared by the Moodle XML and GIFT writers: escaping, paragraphs
// with line breaks, and CDATA sections that survive any text (including "]]>").

/** Characters XML 1.0 forbids anywhere, even inside CDATA (C0 controls other than tab, LF, CR). */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(XML_INVALID, '');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** XML character data outside CDATA (names, category paths, attribute values). */
export function escapeXml(text: string): string {
  return escapeHtml(stripInvalidXmlChars(text)).replace(/'/g, '&apos;');
}

/**
 * A CDATA section holding `text`. A literal "]]>" would end the section early, so it is split
 * across two sections ("]]" + "]]><![CDATA[" + ">"), which XML readers join back together.
 */
export function cdata(text: string): string {
  const safe = stripInvalidXmlChars(text).replace(/]]>/g, ']]]]><![CDATA[>');
  return `<![CDATA[${safe}]]>`;
}

/** Plain text as HTML paragraphs: blank lines split paragraphs, single newlines become <br>. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
}

/** A preformatted block (the text ladder diagram), kept monospaced and unwrapped. */
export function preHtml(text: string): string {
  return `<pre>${escapeHtml(text)}</pre>`;
}
