// handshake-loss and connect-to-closed: no identical-looking questions with different keys,
// and variety floors.
import { describeViews } from './states-views';

describeViews('handshake-loss', [10, 12, 12]);
describeViews('connect-to-closed', [100, 100, 100]);
