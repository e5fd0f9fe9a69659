// The contract drivers per platform (Lambda Web Adapter's SnapStart bridge, Lambda MicroVMs' hooks):
// one implementation, shared with `emulate --platform` (emulator/snapshot/platform-driver.ts).
// Only AWS is played: the app, its framework and the HTTP are real.
export * from '../../emulator/snapshot/platform-driver.js';
