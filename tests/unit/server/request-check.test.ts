// Requests the production server refuses before Next.js (scripts/server/request-check.mjs),
// which Next.js would answer with a 500: undecodable targets and unusable server actions.
import { describe, expect, test } from 'vitest';
import { decodableTarget, unusableAction } from '../../../scripts/server/request-check.mjs';

describe('decodableTarget', () => {
  test.each([
    ['/', true],
    ['/lessons/three-way-handshake?step=2', true],
    ['/simulator?file=eJyrVkrLz1eyUjI0MjBQqgUAKLQE7w%3D%3D', true],
    ['/search?q=a+b%20c&empty=&flag', true],
    ['/%E4%B8%AD%E6%96%87', true],
    ['/%E0%A4%A', false],
    ['/lessons/%ZZ', false],
    ['/?a=%', false],
    ['/?a=%E0', false],
    ['/%FF', false],
    ['/ok?%C3%28=1', false],
  ])('%s → %s', (url, decodable) => {
    expect(decodableTarget(url)).toBe(decodable);
  });
});

const ID = 'a'.repeat(42);
const form = (fields: string) => Buffer.from(fields, 'latin1');

describe('unusableAction', () => {
  test.each([
    ['a GET', { method: 'GET', url: '/', headers: {} }, null, false],
    [
      'a route handler',
      { method: 'POST', url: '/api/x', headers: { 'next-action': 'x' } },
      null,
      false,
    ],
    [
      'an action id',
      { method: 'POST', url: '/me', headers: { 'next-action': ID } },
      form('[]'),
      false,
    ],
    [
      'a 40-digit id',
      { method: 'POST', url: '/me', headers: { 'next-action': 'f'.repeat(40) } },
      form('[{"a":1}]'),
      false,
    ],
    [
      'arguments that are no JSON',
      { method: 'POST', url: '/me', headers: { 'next-action': ID } },
      form('{{{'),
      true,
    ],
    [
      'arguments that are no list',
      { method: 'POST', url: '/me', headers: { 'next-action': ID } },
      form('"x"'),
      true,
    ],
    [
      'no arguments at all',
      { method: 'POST', url: '/me', headers: { 'next-action': ID } },
      null,
      true,
    ],
    [
      'arguments in a multipart form',
      {
        method: 'POST',
        url: '/me',
        headers: { 'next-action': ID, 'content-type': 'multipart/form-data; boundary=b' },
      },
      form('--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--b--\r\n'),
      false,
    ],
    [
      'a multipart call without its arguments',
      {
        method: 'POST',
        url: '/me',
        headers: { 'next-action': ID, 'content-type': 'multipart/form-data; boundary=b' },
      },
      form('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b--\r\n'),
      true,
    ],
    [
      'a cut-off multipart call',
      {
        method: 'POST',
        url: '/me',
        headers: { 'next-action': ID, 'content-type': 'multipart/form-data; boundary=b' },
      },
      form('--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]'),
      true,
    ],
    ['a forged id', { method: 'POST', url: '/me', headers: { 'next-action': 'x' } }, null, true],
    [
      'a path as id',
      { method: 'POST', url: '/me', headers: { 'next-action': '../../etc' } },
      null,
      true,
    ],
    [
      'a repeated header',
      { method: 'POST', url: '/me', headers: { 'next-action': [ID, ID] } },
      null,
      true,
    ],
    [
      'a form naming its action',
      {
        method: 'POST',
        url: '/me',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      },
      form(`--b\r\nContent-Disposition: form-data; name="$ACTION_ID_${ID}"\r\n\r\n\r\n--b--`),
      false,
    ],
    [
      'a multipart form naming none',
      {
        method: 'POST',
        url: '/me',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      },
      form('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b--'),
      true,
    ],
    [
      'an encoded form naming none',
      {
        method: 'POST',
        url: '/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      form('a=1'),
      true,
    ],
    [
      'an empty form',
      { method: 'POST', url: '/', headers: { 'content-type': 'multipart/form-data; boundary=b' } },
      null,
      true,
    ],
    [
      'some other body',
      { method: 'POST', url: '/', headers: { 'content-type': 'text/plain' } },
      form('hi'),
      false,
    ],
  ])('%s', async (_, req, body, refused) => {
    expect((await unusableAction(req, body)) !== null).toBe(refused);
  });
});
