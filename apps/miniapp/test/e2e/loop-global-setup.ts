import { setup } from './loop-global';

export default setup;
