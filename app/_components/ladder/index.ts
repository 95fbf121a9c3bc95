// The ladder diagram: a player for any trace, and an embed that simulates a catalog scenario.
export { LadderPlayer, type LadderPlayerProps } from './ladder-player';
export { TraceEmbed, type TraceEmbedProps } from './trace-embed';
export { STATE_CHIP } from './colors';
export { describeItem } from './event-list';
