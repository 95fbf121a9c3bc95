// The round model's views: a round table, a cwnd chart (lazily loaded) and both for a trace.
export { RoundTable, type RoundTableProps } from './round-table';
export { LazyCwndChart } from './lazy-chart';
export { RoundsView, type RoundsViewProps } from './rounds-view';
export { ExplanationRounds } from './explanation-rounds';
