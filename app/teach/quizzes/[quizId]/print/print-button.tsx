'use client';
// Opens the browser's print dialog (the papers are laid out one student per page).
export function PrintButton({ label, className }: { label: string; className: string }) {
  return (
    <button type="button" className={className} onClick={() => window.print()}>
      {label}
    </button>
  );
}
