// Vitest runs server modules outside React's server graph, where the real `server-only`
// package would throw; the guard is still enforced by `next build`.
export {};
