'use client';
// An instant shown in the reader's own time zone. The server renders UTC (it cannot know the
// browser's zone); once hydrated, the browser's local time replaces it.
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

function format(iso: string, local: boolean): string {
  const date = new Date(iso);
  const text = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(local ? {} : { timeZone: 'UTC' }),
  }).format(date);
  // Intl refuses timeZoneName together with dateStyle/timeStyle, so the zone is appended.
  return local ? text : `${text} UTC`;
}

export function LocalTime({ iso }: { iso: string | null }) {
  const local = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  if (!iso) return <>—</>;
  return <time dateTime={iso}>{format(iso, local)}</time>;
}
