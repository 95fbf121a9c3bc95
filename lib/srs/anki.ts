// A learner's deck as a text file Anki imports (File → Import): tab-separated with the
// header lines Anki 2.1.55+ reads, so the guid column lets a re-import update, not duplicate.

export interface AnkiNote {
  /** Stable id: Anki's guid, so importing again updates the same notes. */
  id: string;
  /** HTML of the card's front and back. */
  front: string;
  back: string;
  /** Tags without spaces (Anki separates tags by spaces). */
  tags: readonly string[];
}

/** A field as Anki's importer reads it: quoted when it holds a tab, quote or line break. */
function field(text: string): string {
  return /[\t"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function tag(text: string): string {
  return text.trim().replace(/\s+/g, '_');
}

/**
 * @example toAnkiText([{ id: 'deck/x/1', front: 'Q', back: 'A', tags: ['handshake'] }])
 * // "#separator:tab\n#html:true\n#guid column:1\n#tags column:4\ndeck/x/1\tQ\tA\thandshake\n"
 */
export function toAnkiText(notes: readonly AnkiNote[], deckName?: string): string {
  const header = [
    '#separator:tab',
    '#html:true',
    '#guid column:1',
    '#tags column:4',
    ...(deckName ? [`#deck:${deckName.replace(/[\r\n]/g, ' ')}`] : []),
  ];
  const rows = notes.map((n) =>
    [n.id, n.front, n.back, n.tags.map(tag).join(' ')].map(field).join('\t'),
  );
  return `${[...header, ...rows].join('\n')}\n`;
}
