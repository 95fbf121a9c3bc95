// close-outcome: no identical-looking questions with different keys, and variety floors.
import { describeViews } from './states-views';

describeViews('close-outcome', [5, 9, 8]);
