export { runNativeClient } from './native-client.js';
export type { NativeClientOptions, NativeClientResult } from './native-client.js';
