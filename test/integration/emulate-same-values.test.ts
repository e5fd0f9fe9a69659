// Which values count as "looks unique", and the comparison across restores.
import { describe, expect, it } from 'vitest';
import { findSameValues, flattenResponse, looksUnique } from '../../emulator/snapshot/same-values.js';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('looksUnique', () => {
  it.each([
    ['3b241101-e2bb-4255-8caf-4136c566a962', 'string', 'a UUID'],
    ['9f86d081884c7d659a2feaa0c55ad015', 'string', 'a random-looking hex string'],
    ['V1StGXR8_Z5jdHi6B-myT', 'string', 'a random-looking id'],
    ['2025-12-31T23:00:00.000Z', 'string', 'a timestamp (ISO 8601)'],
    [String(now - 1000), 'number', 'a timestamp (epoch ms)'],
    [String(now / 1000), 'number', 'a timestamp (epoch s)'],
    ['0.8012431366036139', 'number', 'a random number'],
    ['Thu Jan 01 2026', 'date', 'a timestamp (Date)'],
  ] as const)('%s is %s', (value, type, reason) => {
    expect(looksUnique(value, type, now)).toBe(reason);
  });

  it.each([
    ['users-table', 'string'],
    ['us-east-1', 'string'],
    ['application/json', 'string'],
    ['arn:aws:lambda:us-east-1:123456789012:function:f', 'string'],
    ['42', 'number'],
    ['0.5', 'number'],
  ] as const)('%s is not', (value, type) => {
    expect(looksUnique(value, type, now)).toBeUndefined();
  });
});

describe('findSameValues', () => {
  const uuid = '3b241101-e2bb-4255-8caf-4136c566a962';
  it('keeps values equal in every restore that look unique and are not literals of the code', () => {
    const perRestore = [
      [
        { path: 'bootId', type: 'string' as const, value: uuid },
        { path: 'fresh', type: 'string' as const, value: '11111111-e2bb-4255-8caf-4136c566a962' },
        { path: 'literal', type: 'string' as const, value: 'aaaaaaaaaaaaaaaaaaaa1' },
      ],
      [
        { path: 'bootId', type: 'string' as const, value: uuid },
        { path: 'fresh', type: 'string' as const, value: '22222222-e2bb-4255-8caf-4136c566a962' },
        { path: 'literal', type: 'string' as const, value: 'aaaaaaaaaaaaaaaaaaaa1' },
      ],
    ];
    const responses = [flattenResponse({ id: uuid }), flattenResponse({ id: uuid })];
    const found = findSameValues(
      [
        { label: 'module', perRestore },
        { label: '', perRestore: responses },
      ],
      'const literal = "aaaaaaaaaaaaaaaaaaaa1";',
    );
    expect(found).toEqual([{ value: uuid, looksLike: 'a UUID', where: ['module bootId', 'response.id'] }]);
  });

  it('needs two restores', () => {
    expect(findSameValues([{ label: 'module', perRestore: [[{ path: 'a', type: 'string', value: uuid }]] }], '')).toEqual([]);
  });
});
