// A playground run survives the trip through its share link; a scenario error points at its line.
import { describe, expect, test } from 'vitest';
import { locatePath, syntaxErrorPosition } from '@/app/simulator/json-position';
import {
  decodeRunConfig,
  encodeRunConfig,
  setRecord,
  type RunConfig,
} from '@/app/simulator/run-config';

describe('run config in the URL', () => {
  test("the brief's example link reads back", () => {
    const config = decodeRunConfig(
      'scenario=time-wait-duration&seed=3&profile=rfc&set=client.tcp_syn_retries%3D3',
    );
    expect(config).toEqual({
      scenario: 'time-wait-duration',
      file: null,
      seed: 3,
      profile: 'rfc',
      set: ['client.tcp_syn_retries=3'],
      compare: false,
    });
    expect(setRecord(config.set)).toEqual({ 'client.tcp_syn_retries': '3' });
  });

  test('an edited file (with non-ASCII text) and every field round-trip', () => {
    const config: RunConfig = {
      scenario: 'third-ack-dropped',
      file: { name: '第三次握手', endpoints: { a: { port: 1, program: [] } } },
      seed: 'abc',
      profile: 'linux',
      set: ['server.tcp_synack_retries=2', 'link.delay=0.05'],
      compare: true,
    };
    expect(decodeRunConfig(encodeRunConfig(config))).toEqual(config);
  });

  test('missing or unreadable values fall back to defaults', () => {
    expect(decodeRunConfig('profile=bsd&file=%%%&set=nonsense')).toMatchObject({
      scenario: 'third-ack-dropped',
      seed: 1,
      profile: null,
      file: null,
      set: [],
    });
  });
});

describe('locating a field path in the editor text', () => {
  const text = `{
  "name": "x",
  "endpoints": {
    "client": {
      "port": 40001,
      "program": [
        { "connect": "server" },
        { "send": -5 }
      ]
    }
  }
}`;
  test('a nested path → its line', () => {
    expect(locatePath(text, 'endpoints.client.program[1].send')?.line).toBe(8);
    expect(locatePath(text, 'endpoints.client.port')?.line).toBe(5);
  });
  test('a path that does not exist → its nearest parent', () => {
    expect(locatePath(text, 'endpoints.client.program[1].send.extra')?.line).toBe(8);
    expect(locatePath(text, 'faults[0].from')?.line).toBe(1);
  });
  test('JSON syntax errors → the position in the message', () => {
    expect(locatePath('{', 'a')).toBeNull();
    expect(
      syntaxErrorPosition(
        '{\n  "a": 1,\n}',
        'Expected double-quoted property name in JSON at position 13 (line 3 column 1)',
      )?.line,
    ).toBe(3);
  });
});
