import { describe, expect, test } from 'vitest';
import { DatabaseConfigError, resolveDatabaseConfig } from '@/lib/db/config';

describe('resolveDatabaseConfig', () => {
  test('defaults to the embedded SQLite file under data/', () => {
    expect(resolveDatabaseConfig(undefined, '/srv/app')).toEqual({
      provider: 'sqlite',
      file: '/srv/app/data/ackademy.db',
      url: 'file:/srv/app/data/ackademy.db',
    });
    expect(resolveDatabaseConfig('  ', '/srv/app').provider).toBe('sqlite');
  });

  test('resolves relative SQLite paths against the project root', () => {
    expect(resolveDatabaseConfig('file:./x/y.db', '/srv/app')).toMatchObject({
      file: '/srv/app/x/y.db',
    });
    expect(resolveDatabaseConfig('file:/abs/z.db', '/srv/app')).toMatchObject({
      file: '/abs/z.db',
    });
  });

  test('PostgreSQL URLs keep their schema parameter', () => {
    expect(resolveDatabaseConfig('postgresql://u@h:5432/db?schema=ack_1')).toEqual({
      provider: 'postgresql',
      url: 'postgresql://u@h:5432/db?schema=ack_1',
      schema: 'ack_1',
    });
    expect(resolveDatabaseConfig('postgres://u@h/db')).toMatchObject({ schema: 'public' });
  });

  test.each([
    ['mysql://u@h/db', /must start with file:/],
    ['file:', /needs a path/],
    ['postgresql://u@h/db?schema=a;drop', /not a plain identifier/],
  ])('rejects %j with a clear message', (url, message) => {
    expect(() => resolveDatabaseConfig(url)).toThrow(DatabaseConfigError);
    expect(() => resolveDatabaseConfig(url)).toThrow(message);
  });
});
