// One SQLite connection shared by every request, used one unit at a time. Prisma's
// better-sqlite3 adapter serialises interactive transactions but lets a plain query run on the
// same connection while another request's transaction is open (between its awaits): that
// query then reads the transaction's uncommitted rows, and its write becomes part of the
// transaction, silently undone if the transaction rolls back after the write was acknowledged.
// Here a plain query waits for the open transaction to end, and a transaction for the query.
import { Mutex } from 'async-mutex';
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';

function serialTransaction(inner: Transaction, release: () => void): Transaction {
  let released = false;
  const done = () => {
    if (!released) release();
    released = true;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    options: inner.options,
    queryRaw: (query: SqlQuery) => inner.queryRaw(query),
    executeRaw: (query: SqlQuery) => inner.executeRaw(query),
    commit: () => inner.commit().finally(done),
    rollback: () => inner.rollback().finally(done),
    ...(inner.createSavepoint && { createSavepoint: inner.createSavepoint.bind(inner) }),
    ...(inner.rollbackToSavepoint && {
      rollbackToSavepoint: inner.rollbackToSavepoint.bind(inner),
    }),
    ...(inner.releaseSavepoint && { releaseSavepoint: inner.releaseSavepoint.bind(inner) }),
  };
}

function serialAdapter(inner: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Mutex();
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => lock.runExclusive(() => inner.queryRaw(query)),
    executeRaw: (query) => lock.runExclusive(() => inner.executeRaw(query)),
    executeScript: (script) => lock.runExclusive(() => inner.executeScript(script)),
    async startTransaction(isolationLevel?: IsolationLevel) {
      const release = await lock.acquire();
      try {
        return serialTransaction(await inner.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    ...(inner.getConnectionInfo && { getConnectionInfo: inner.getConnectionInfo.bind(inner) }),
    dispose: () => inner.dispose(),
  };
}

/** Wraps a SQLite adapter factory so every connection it makes is used one unit at a time. */
export function serialSqlite(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialAdapter(await factory.connect()),
  };
}
