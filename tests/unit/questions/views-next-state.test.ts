// next-state: no identical-looking questions with different keys, and variety floors.
import { describeViews } from './states-views';

describeViews('next-state', [5, 12, 12]);
