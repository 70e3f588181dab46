import { teardown } from './loop-global';

export default teardown;
