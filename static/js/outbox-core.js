/* The outbox: every write is kept on this phone first (IndexedDB), then sent to /api/sync.
 * A classic script with no imports or exports, so the page imports it (app.js) and the service
 * worker loads it with importScripts for Background Sync. It defines self.OutboxCore. */
self.OutboxCore = (() => {
  const DB_NAME = 'sciatica';
  const STORE = 'outbox';
  const BATCH = 100;
  const TIMEOUT_MS = 10000;  // a hanging connection counts as offline: the write stays queued
  let flight = Promise.resolve();

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = (event) => {
        if (event.oldVersion < 1) request.result.createObjectStore(STORE, {keyPath: 'uuid'});
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function withStore(mode, work) {
    const db = await openDb();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        let result;
        Promise.resolve(work(tx.objectStore(STORE))).then((value) => { result = value; }, reject);
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }

  const asPromise = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

  const all = () => withStore('readonly', (store) => asPromise(store.getAll()));
  const get = (uuid) => withStore('readonly', (store) => asPromise(store.get(uuid)));
  const put = (record) => withStore('readwrite', (store) => asPromise(store.put(record)));
  const discard = (uuid) => withStore('readwrite', (store) => asPromise(store.delete(uuid)))
    .then(notify);

  /* Put an entry that was set aside back in the queue, unchanged, and send it. */
  async function retry(uuid) {
    const record = await get(uuid);
    if (!record) return;
    await put({...record, state: 'pending', errors: null, failed: null});
    notify();
    flush();
  }

  /* An edit the server did not use (another device's later edit is kept): send it again as the
   * newest edit, written now, so it replaces that one. */
  async function useMine(uuid) {
    const record = await get(uuid);
    if (!record) return;
    await put({...record, client_updated_at: new Date().toISOString(), state: 'pending', errors: null,
      held: null});
    notify();
    flush();
  }

  // Change a stored record only if it is still the version we sent: a newer edit made while
  // the request was in flight must survive.
  function settle(sent, change) {
    return withStore('readwrite', async (store) => {
      const current = await asPromise(store.get(sent.uuid));
      if (!current || current.client_updated_at !== sent.client_updated_at) return;
      if (change) await asPromise(store.put({...current, ...change}));
      else await asPromise(store.delete(sent.uuid));
    });
  }

  function localStamp(now) {
    const pad = (n) => String(n).padStart(2, '0');
    return {
      local_date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
      local_time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
      tz_offset_minutes: -now.getTimezoneOffset(),
    };
  }

  function notify(detail) {
    if (typeof window !== 'undefined') {
      window.dispatchEvent(new CustomEvent('outbox:change', {detail: detail || {}}));
    } else if (self.clients) {
      self.clients.matchAll().then((list) => list.forEach((c) => c.postMessage({outbox: 'changed'})));
    }
  }

  /* Keep a write on the phone (`keep`: it goes with the next flight). */
  async function queue({kind, op = 'upsert', uuid, data = {}, stamp, owner}) {
    const now = new Date();
    const record = {
      kind, op, data, uuid: uuid || crypto.randomUUID(), owner: owner || null,
      client_updated_at: now.toISOString(), ...localStamp(now), ...(stamp || {}),
      state: 'pending', errors: null,
    };
    await put(record);
    notify();
    return record;
  }

  /* Keep a write on the phone and start sending it, without waiting for the network. */
  async function saveNow(write) {
    const record = await queue(write);
    flush();
    return record;
  }

  async function save(write) {
    const record = await queue(write);
    const outcome = await flush();
    const answer = (outcome.results || []).find((r) => r.uuid === record.uuid);
    // "superseded": not used, the server holds a later edit (kept here until the person chooses).
    if (answer) {
      return {sent: !['rejected', 'superseded'].includes(answer.status), superseded: answer.status === 'superseded',
        result: answer};
    }
    return {queued: true, reason: outcome.reason, uuid: record.uuid};
  }

  /* Send what is waiting, one flight at a time; a call always gets a flight that starts after it. */
  function flush() {
    flight = flight.then(sendAll, sendAll);
    return flight;
  }

  async function sendAll() {
    const waiting = (await all()).filter((r) => r.state === 'pending');
    if (!waiting.length) return {results: [], reason: 'empty'};
    let session;
    try {
      const response = await fetch('/api/session', {credentials: 'same-origin', cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS)});
      session = await response.json();
    } catch (error) {
      notify({offline: true});
      return {results: [], reason: 'offline'};
    }
    if (!session.signed_in) {
      notify({signedOut: true});
      return {results: [], reason: 'signed-out'};
    }
    // Only this person's writes go out; another account's stay until they sign in again.
    const mine = waiting.filter((r) => !r.owner || r.owner === session.person);
    const results = [];
    for (let i = 0; i < mine.length; i += BATCH) {
      const batch = mine.slice(i, i + BATCH);
      const outcome = await sendBatch(batch, session.csrf_token);
      if (outcome.reason) {
        notify({[outcome.reason]: true});
        return {results, reason: outcome.reason};
      }
      results.push(...outcome.results);
    }
    notify();
    return {results};
  }

  // Answers that say nothing about the records sent: keep them all and try again later.
  const POISON_STATUS = new Set([400, 413, 422, 500]);

  /* One POST to /api/sync: {results}, or {reason} to keep everything for later, or {failed: the
   * status, message} when the server could not take these records at all. */
  async function post(batch, csrfToken) {
    const records = batch.map(({kind, uuid, op, data, client_updated_at, local_date, local_time,
      tz_offset_minutes}) => ({kind, uuid, op, data, client_updated_at, local_date, local_time,
      tz_offset_minutes}));
    let response;
    try {
      // sent_at: this phone's clock now, so the server can tell how far off it is and judge
      // each record's time of writing by its own clock (webapp/sync.py).
      response = await fetch('/api/sync', {
        method: 'POST', credentials: 'same-origin', cache: 'no-store',
        headers: {'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrfToken},
        body: JSON.stringify({records, sent_at: new Date().toISOString()}), signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      return {reason: 'offline'};
    }
    if (response.status === 401) return {reason: 'signedOut'};
    let body = null;
    try { body = await response.json(); } catch (error) { /* not our server's answer */ }
    if (response.ok && body && Array.isArray(body.results)) return {results: body.results};
    // Only our own server's word that it could not take the records blames them; a stale CSRF
    // token, a busy database, a proxy or a captive portal never does.
    const ours = body && typeof body.error === 'string' && !['csrf', 'busy'].includes(body.error);
    if (ours && POISON_STATUS.has(response.status)) {
      // The English for a program; the page says it in its language from `failed` (outbox.js).
      return {failed: response.status, message: `The server could not accept this entry (error ${response.status}). `
        + 'Check it, then save it again, or discard it.'};
    }
    return {reason: 'server'};
  }

  async function settleAll(batch, results) {
    for (const answer of results) {
      const sent = batch.find((r) => r.uuid === answer.uuid);
      if (!sent) continue;
      let change = null;
      if (answer.status === 'rejected') change = {state: 'rejected', errors: answer.errors, failed: null};
      if (answer.status === 'superseded') change = {state: 'superseded', errors: null, failed: null, held: answer.held || {}};
      await settle(sent, change);
    }
  }

  async function setAside(record, outcome) {
    const errors = {record: outcome.message};
    await settle(record, {state: 'rejected', errors, failed: outcome.failed});
    return {uuid: record.uuid, status: 'rejected', errors, failed: outcome.failed};
  }

  /* Send a batch. If the server cannot take it as a whole, send its records one at a time: the
   * one that fails alone is kept aside with the reason (and "Fix it"), and the rest arrive. */
  async function sendBatch(batch, csrfToken) {
    const outcome = await post(batch, csrfToken);
    if (outcome.results) {
      await settleAll(batch, outcome.results);
      return outcome;
    }
    if (outcome.reason) return outcome;
    if (batch.length === 1) return {results: [await setAside(batch[0], outcome)]};
    const results = [];
    for (const record of batch) {
      const alone = await post([record], csrfToken);
      if (alone.reason) return {results, reason: alone.reason};
      if (alone.failed) {
        results.push(await setAside(record, alone));
      } else {
        await settleAll([record], alone.results);
        results.push(...alone.results);
      }
    }
    return {results};
  }

  return {all, get, put, discard, retry, useMine, save, saveNow, keep: queue, flush, localStamp};
})();
