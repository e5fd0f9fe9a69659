// snapshot-restore/testing: what users call in their own unit tests.
import { afterEach, describe, expect, it } from 'vitest';
import { getAfterRestore, getBeforeSnapshot, registerAfterRestore, registerBeforeSnapshot } from '../../runtime/index.js';
import { fakeLambdaEnv, resetHooks, simulateSnapStart } from '../../runtime/testing.js';

afterEach(() => resetHooks());

describe('fakeLambdaEnv', () => {
  it('sets a SnapStart function environment without static credentials, and puts everything back', () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    const restore = fakeLambdaEnv({ AWS_LAMBDA_FUNCTION_NAME: 'orders' });
    expect(process.env.AWS_LAMBDA_INITIALIZATION_TYPE).toBe('snap-start');
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBe('orders');
    expect(process.env.AWS_ACCESS_KEY_ID).toBeUndefined();
    restore();
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('AKIDEXAMPLE');
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBeUndefined();
    expect(process.env.AWS_LAMBDA_INITIALIZATION_TYPE).toBeUndefined();
    delete process.env.AWS_ACCESS_KEY_ID;
  });
});

describe('resetHooks', () => {
  it('empties both lists and forgets that a phase ran, so registrations are on time again', async () => {
    const ran: string[] = [];
    registerBeforeSnapshot(() => ran.push('before'));
    await simulateSnapStart();
    resetHooks();
    expect(getBeforeSnapshot()).toEqual([]);
    expect(getAfterRestore()).toEqual([]);
    registerAfterRestore(() => ran.push('after'));
    await simulateSnapStart();
    expect(ran).toEqual(['before', 'after']);
  });
});

describe('simulateSnapStart', () => {
  it('runs the before-snapshot phase, then the after-restore phase', async () => {
    const ran: string[] = [];
    registerAfterRestore(() => ran.push('after'));
    registerBeforeSnapshot(() => ran.push('before'));
    await simulateSnapStart();
    expect(ran).toEqual(['before', 'after']);
  });
});
