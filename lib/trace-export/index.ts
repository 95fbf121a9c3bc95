// Trace formats outside the engine: text forms shared with the ladder diagram, exports
// (Mermaid, packetdrill-style) and the validated import of a trace JSON file.
export {
  eventLabel,
  formatDuration,
  formatTime,
  isRetransmission,
  linkDelay,
  NUMBERINGS,
  orderEndpoints,
  packetdrillSegment,
  rfcStateName,
  segmentLabel,
  segmentNumbers,
  type Numbering,
} from './format';
export { LONG_GAP, toMermaid } from './mermaid';
export { defaultPerspective, toPacketdrill } from './packetdrill';
export {
  parseTraceJson,
  TRACE_IMPORT_MAX_CHARS,
  traceImportSchema,
  type TraceImportLimit,
  type TraceImportResult,
} from './schema';
export { sortedSegments, timeline, type TimelineItem } from './timeline';
