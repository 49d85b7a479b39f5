// The public receipt check (/verify). Trusts nothing but the public keys pinned in the page (the log's and its
// witnesses'): it recomputes the entry's leaf hash, folds the inclusion proof up to the checkpoint's root, checks the
// checkpoint note's signature (RFC 9162 §2.1.3.2 and §2.1.4.2 step by step, as BizEnv.Invest.Domain.Ledger.Merkle.
// MerkleVerifier does) and each witness's cosignature on it, then,
// online, checks the newest checkpoint and a consistency proof from the receipt's tree to it. The server's answers
// are only ever inputs to these checks.
import { sha256 } from '/lib/noble-hashes/sha2.js';

const DASH = '\u2014 ';
const FORMAT = 'bizenv-invest-receipt/1';
const enc = new TextEncoder();

const hex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
const unhex = s => {
    if (typeof s !== 'string' || !/^(?:[0-9a-f]{2})*$/i.test(s)) throw new Error('not hex');
    const out = new Uint8Array(s.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
    return out;
};
const unbase64 = s => Uint8Array.from(atob(s), c => c.charCodeAt(0));
const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const concat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
};

/** RFC 9162 §2.1.1: the leaf and node hashes, with their 0x00 / 0x01 prefixes. */
export const leafHash = entry => sha256(concat(Uint8Array.of(0), enc.encode(entry)));
const nodeHash = (left, right) => sha256(concat(Uint8Array.of(1), left, right));

/** §2.1.3.2, with BigInt so tree sizes past 2^31 stay exact. */
export function verifyInclusion(index, size, leaf, proof, root) {
    let fn = BigInt(index), sn = BigInt(size) - 1n;
    if (fn < 0n || fn > sn || leaf.length !== 32 || root.length !== 32 || proof.some(p => p.length !== 32)) return false;
    let r = leaf;
    for (const p of proof) {
        if (sn === 0n) return false;
        if ((fn & 1n) === 1n || fn === sn) {
            r = nodeHash(p, r);
            while (fn !== 0n && (fn & 1n) === 0n) { fn >>= 1n; sn >>= 1n; }
        } else {
            r = nodeHash(r, p);
        }
        fn >>= 1n; sn >>= 1n;
    }
    return sn === 0n && equal(r, root);
}

/** §2.1.4.2: is the tree of `second` leaves an append-only extension of the tree of `first`? */
export function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
    const m = BigInt(first), n = BigInt(second);
    if (m <= 0n || m > n || proof.some(p => p.length !== 32)) return false;
    if (m === n) return proof.length === 0 && equal(firstRoot, secondRoot);
    if (proof.length === 0) return false;
    // When the old tree is a complete subtree of the new one, the proof leaves its root out.
    const path = (m & (m - 1n)) === 0n ? [firstRoot, ...proof] : proof;
    let fn = m - 1n, sn = n - 1n;
    while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }
    let fr = path[0], sr = path[0];
    for (let i = 1; i < path.length; i++) {
        if (sn === 0n) return false;
        const c = path[i];
        if ((fn & 1n) === 1n || fn === sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            while (fn !== 0n && (fn & 1n) === 0n) { fn >>= 1n; sn >>= 1n; }
        } else {
            sr = nodeHash(sr, c);
        }
        fn >>= 1n; sn >>= 1n;
    }
    return sn === 0n && equal(fr, firstRoot) && equal(sr, secondRoot);
}

/** A signed note (C2SP): the body up to the blank line, its origin, size and root, and its signature lines. */
export function parseNote(note) {
    if (typeof note !== 'string') return null;
    const split = note.indexOf('\n\n');
    if (split < 0) return null;
    const body = note.slice(0, split + 1);
    const lines = body.split('\n');
    if (lines.length < 4 || !/^[0-9]+$/.test(lines[1])) return null;
    try {
        const root = unbase64(lines[2]);
        const signatures = note.slice(split + 2).split('\n').filter(l => l.length).map(parseSignatureLine).filter(Boolean);
        return root.length === 32 ? { body, origin: lines[0], size: BigInt(lines[1]), root, signatures } : null;
    } catch { return null; }
}

function parseSignatureLine(line) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) return null;
    try {
        const raw = unbase64(m[2]);
        return raw.length > 4 ? { name: m[1], keyId: hex(raw.slice(0, 4)), signature: raw.slice(4) } : null;
    } catch { return null; }
}

function pemToDer(pem) {
    return unbase64(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''));
}

/** Does `key` (a published key: name, keyId, algorithm, publicKeyPem, sm2UserId) sign `body` with a line of the note? */
export async function signedBy(note, key) {
    const line = note.signatures.find(s => s.name === key.name && s.keyId === key.keyId);
    if (!line) return false;
    const message = enc.encode(note.body);
    const spki = pemToDer(key.publicKeyPem);
    try {
        if (key.algorithm === 'SM2-SM3') {
            // The SubjectPublicKeyInfo ends with the uncompressed point 04 ‖ X ‖ Y; the signature is DER (r, s), over
            // SM3(Z ‖ message) with Z from the user id (GB/T 32918.2).
            const point = spki.slice(spki.length - 65);
            return point[0] === 4 && window.sm2.doVerifySignature(message, hex(line.signature), hex(point),
                { der: true, hash: true, userId: key.sm2UserId || '1234567812345678' });
        }
        if (key.algorithm === 'Ed25519') {
            const { ed25519 } = await import('/lib/noble-curves/ed25519.js');
            return ed25519.verify(line.signature, message, spki.slice(spki.length - 32));
        }
    } catch { return false; }
    return false;
}

/** The entry as hashed: seq, promise id, event, actor, time, reason (may span lines) and the state JSON last. */
export function parseEntry(entry) {
    const lines = entry.split('\n');
    if (lines.length < 7) return null;
    let state = null;
    try { state = JSON.parse(lines[lines.length - 1]); } catch { state = null; }
    return { seq: lines[0], commitmentId: lines[1], event: lines[2], actor: lines[3], at: lines[4], reason: lines.slice(5, -1).join('\n'), state };
}

/** The offline check of one receipt against the log's key and the witnesses' keys; every step named, the verdict last. */
export async function verifyReceipt(receipt, key, witnesses = []) {
    const steps = [];
    const step = (ok, word, ...args) => { steps.push({ ok, word, args }); return ok; };
    const done = verified => ({ verified, steps });
    if (!receipt || receipt.format !== FORMAT)
        return step(false, 'verify.check.format', String(receipt?.format ?? '—')), done(false);
    if (receipt.origin !== key.name || receipt.keyId !== key.keyId)
        return step(false, 'verify.check.key_mismatch', String(receipt.origin), String(receipt.keyId)), done(false);
    let proof, root;
    try {
        proof = receipt.inclusionProof.map(unhex);
    } catch {
        return step(false, 'verify.check.inclusion_bad'), done(false);
    }
    const leaf = leafHash(String(receipt.entry));
    const entry = parseEntry(String(receipt.entry));
    if (!entry || entry.seq !== String(receipt.seq) || BigInt(receipt.leafIndex) !== BigInt(receipt.seq) - 1n || hex(leaf) !== String(receipt.leafHash).toLowerCase())
        return step(false, 'verify.check.leaf_bad'), done(false);
    step(true, 'verify.check.leaf_ok', hex(leaf));
    const note = parseNote(receipt.checkpoint);
    if (!note || note.origin !== key.name || note.size !== BigInt(receipt.treeSize))
        return step(false, 'verify.check.signature_bad'), done(false);
    root = note.root;
    if (!verifyInclusion(receipt.leafIndex, note.size, leaf, proof, root))
        return step(false, 'verify.check.inclusion_bad'), done(false);
    step(true, 'verify.check.inclusion_ok', String(receipt.leafIndex), String(note.size));
    if (!await signedBy(note, key))
        return step(false, 'verify.check.signature_bad'), done(false);
    step(true, 'verify.check.signature_ok', key.algorithm, key.keyId);
    const lines = Array.isArray(receipt.cosignatures) ? receipt.cosignatures.map(String) : [];
    const seen = await checkCosignatures(note, lines, witnesses);
    if (seen.forged.length > 0)
        return step(false, 'verify.check.cosignature_forged', seen.forged.join('、')), done(false);
    const active = witnesses.filter(w => w.active).length;
    if (seen.witnessed.length > 0)
        step(true, 'verify.check.witnessed', String(seen.witnessed.length), String(active), seen.witnessed.join('、'));
    else if (active > 0)
        step(null, 'verify.check.not_witnessed', String(active));
    if (seen.unknown.length > 0)
        step(null, 'verify.check.cosignature_unknown', seen.unknown.join('、'));
    return done(true);
}

/** SHA-256(name ‖ "\n" ‖ 0x04 ‖ Ed25519 key)[..4]: the key hash a witness's cosignature line names (C2SP signed-note key id). */
const witnessKeyId = (name, publicKey) => hex(sha256(concat(enc.encode(`${name}\n`), Uint8Array.of(4), publicKey)).slice(0, 4));

/**
 * The witnesses' cosignature lines on a checkpoint note, each checked against the pinned witness keys: a line is
 * "time (8 bytes, big-endian seconds) ‖ Ed25519 signature" over "cosignature/v1\ntime <seconds>\n" and the note's body
 * (as BizEnv.Invest.Domain.Ledger.Witness.Cosignature makes it). A line naming a pinned witness whose signature fails
 * is a forgery; a line of a witness this page does not know is only reported, never counted.
 */
export async function checkCosignatures(note, lines, witnesses) {
    const result = { witnessed: [], forged: [], unknown: [] };
    if (lines.length === 0) return result;
    const { ed25519 } = await import('/lib/noble-curves/ed25519.js');
    for (const text of lines) {
        const line = parseSignatureLine(text.replace(/\n+$/, ''));
        if (!line) { result.forged.push(text.slice(2, 40)); continue; }
        const witness = witnesses.find(w => w.name === line.name);
        let key;
        try { key = witness ? unbase64(witness.publicKey) : null; } catch { key = null; }
        if (!witness || !key || key.length !== 32 || witnessKeyId(witness.name, key) !== line.keyId) { result.unknown.push(line.name); continue; }
        if (line.signature.length !== 72) { result.forged.push(witness.name); continue; }
        const seconds = new DataView(line.signature.buffer, line.signature.byteOffset, 8).getBigUint64(0, false);
        const message = enc.encode(`cosignature/v1\ntime ${seconds}\n${note.body}`);
        let ok = false;
        try { ok = ed25519.verify(line.signature.slice(8), message, key); } catch { ok = false; }
        (ok ? result.witnessed : result.forged).push(witness.name);
    }
    return result;
}

/** The online check: the newest checkpoint, signed by the same key, extends the receipt's tree, and still holds the entry. */
export async function checkOnline(receipt, key, fetchJson) {
    const receiptNote = parseNote(receipt.checkpoint);
    const state = await fetchJson(`/api/v1/ledger/log-state?${new URLSearchParams({
        fromSize: String(receipt.treeSize), leafIndex: String(receipt.leafIndex), leafHash: String(receipt.leafHash) })}`);
    if (!state.checkpoint)
        return BigInt(state.storedEntries ?? 0) < receiptNote.size
            ? { consistent: false, word: 'verify.online.shrunk', args: [String(state.storedEntries ?? 0), String(receiptNote.size)] }
            : { consistent: false, word: 'verify.online.no_checkpoint', args: [String(state.storedEntries ?? 0)] };
    const latest = parseNote(state.checkpoint);
    if (!latest || latest.origin !== key.name || !await signedBy(latest, key))
        return { consistent: false, word: 'verify.online.latest_signature_bad', args: [] };
    if (latest.size < receiptNote.size)
        return { consistent: false, word: 'verify.online.shrunk', args: [String(latest.size), String(receiptNote.size)] };
    let proof;
    try { proof = state.consistencyProof ? state.consistencyProof.map(unhex) : null; } catch { proof = null; }
    if (!proof || !verifyConsistency(receiptNote.size, latest.size, receiptNote.root, latest.root, proof))
        return { consistent: false, word: 'verify.online.inconsistent', args: [String(receiptNote.size), String(latest.size)] };
    if (state.entryHeld === false)
        return { consistent: false, word: 'verify.online.entry_gone', args: [] };
    return { consistent: true, word: 'verify.online.consistent', args: [String(receiptNote.size), String(latest.size)] };
}

// ---- The page ----

const page = document.getElementById('verify-receipt');
if (page) {
    const key = JSON.parse(page.dataset.key);
    const witnesses = JSON.parse(page.dataset.witnesses);
    const words = JSON.parse(page.dataset.words);
    const events = JSON.parse(page.dataset.events);
    const statuses = JSON.parse(page.dataset.statuses);
    const input = document.getElementById('receipt-input');

    const format = (text, args) => text.replace(/\{(\d+)\}/g, (_, i) => args[Number(i)] ?? '');
    // Chinese first, English on the line under it.
    const say = (element, word, args = []) => {
        const [zh, en] = words[word] ?? [word, word];
        element.replaceChildren(document.createTextNode(format(zh, args)));
        const second = document.createElement('div');
        second.className = 'small text-secondary fw-normal';
        second.textContent = format(en, args);
        element.append(second);
    };
    const listStep = (list, ok, word, args) => {
        const li = document.createElement('li');
        li.className = ok === null ? 'text-secondary' : ok ? 'text-success' : 'text-danger';
        say(li, word, args);
        list.append(li);
    };
    const fetchJson = async url => {
        const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
        if (!response.ok) { const e = new Error(String(response.status)); e.status = response.status; throw e; }
        return response.json();
    };

    const offlineVerdict = document.getElementById('offline-verdict');
    const onlineVerdict = document.getElementById('online-verdict');
    const offlineSteps = document.getElementById('offline-steps');
    const onlineSteps = document.getElementById('online-steps');
    const terms = document.getElementById('entry-terms');

    const showTerms = entry => {
        terms.replaceChildren();
        const add = (word, zh, en) => {
            if (zh === undefined || zh === null || zh === '') return;
            const dt = document.createElement('dt');
            dt.className = 'col-sm-3';
            say(dt, word);
            const dd = document.createElement('dd');
            dd.className = 'col-sm-9';
            dd.textContent = String(zh);
            if (en !== undefined && en !== zh) {
                const second = document.createElement('div');
                second.className = 'small text-secondary';
                second.textContent = String(en);
                dd.append(second);
            }
            terms.append(dt, dd);
        };
        const ev = events[entry.event] ?? [entry.event, entry.event];
        add('receipt.term.event', ev[0], ev[1]);
        add('receipt.term.at', entry.at);
        add('receipt.term.actor', entry.actor);
        const s = entry.state ?? {};
        add('receipt.term.investor', s.InvestorName);
        add('receipt.term.project', s.ProjectNumber);
        add('receipt.term.clause', s.Clause);
        if (s.ValueCny !== undefined && s.ValueCny !== null) add('receipt.term.value', `${s.ValueCny} 元`, `CNY ${s.ValueCny}`);
        add('receipt.term.due', s.DueDate);
        if (s.Status !== undefined && s.Status !== null) {
            const st = statuses[String(s.Status)] ?? Object.values(statuses).find(v => v[0] === String(s.Status));
            add('receipt.term.status', st ? st[1] : String(s.Status), st ? st[2] : undefined);
        }
    };

    const run = async () => {
        offlineSteps.replaceChildren();
        onlineSteps.replaceChildren();
        terms.replaceChildren();
        onlineVerdict.replaceChildren();
        delete onlineVerdict.dataset.outcome;
        let receipt;
        try { receipt = JSON.parse(input.value); } catch {
            offlineVerdict.dataset.outcome = 'failed';
            say(offlineVerdict, 'verify.check.parse_failed');
            return;
        }
        const offline = await verifyReceipt(receipt, key, witnesses);
        for (const s of offline.steps) listStep(offlineSteps, s.ok, s.word, s.args);
        offlineVerdict.dataset.outcome = offline.verified ? 'verified' : 'failed';
        offlineVerdict.className = `fw-semibold ${offline.verified ? 'text-success' : 'text-danger'}`;
        say(offlineVerdict, offline.verified ? 'verify.verdict.verified' : 'verify.verdict.failed');
        if (!offline.verified) return;
        showTerms(parseEntry(receipt.entry));
        let online;
        try {
            online = await checkOnline(receipt, key, fetchJson);
        } catch {
            onlineVerdict.dataset.outcome = 'unavailable';
            onlineVerdict.className = 'fw-semibold text-secondary';
            say(onlineVerdict, 'verify.online.unavailable');
            return;
        }
        onlineVerdict.dataset.outcome = online.consistent ? 'consistent' : 'inconsistent';
        onlineVerdict.className = `fw-semibold ${online.consistent ? 'text-success' : 'text-danger'}`;
        say(onlineVerdict, online.word, online.args);
    };

    document.getElementById('verify-button').addEventListener('click', run);
    document.getElementById('receipt-file').addEventListener('change', async e => {
        const file = e.target.files?.[0];
        if (!file) return;
        input.value = await file.text();
        await run();
    });

    // The published key, when online: the page's pinned key is what it trusts; a different published key is said plainly.
    const keyStatus = page.querySelector('[data-testid="published-key-status"]');
    fetchJson('/api/v1/ledger/keys').then(keys => {
        const same = Array.isArray(keys) && keys.some(k => k.keyId === key.keyId && k.publicKeyPem === key.publicKeyPem);
        keyStatus.dataset.outcome = same ? 'same' : 'different';
        say(keyStatus, same ? 'verify.key.published_same' : 'verify.key.published_different');
    }, () => say(keyStatus, 'verify.online.unavailable'));

    // Arriving from a printed receipt's QR code (/verify?leaf=…&hash=…): fetch that receipt, then check it like a pasted one.
    const params = new URLSearchParams(location.search);
    if (params.has('leaf') && params.has('hash')) {
        fetchJson(`/api/v1/ledger/receipts?${new URLSearchParams({ leafIndex: params.get('leaf'), leafHash: params.get('hash') })}`)
            .then(receipt => { input.value = JSON.stringify(receipt, null, 2); return run(); },
                error => {
                    const gone = error.status === 404;
                    onlineVerdict.dataset.outcome = gone ? 'inconsistent' : 'unavailable';
                    onlineVerdict.className = `fw-semibold ${gone ? 'text-danger' : 'text-secondary'}`;
                    say(onlineVerdict, gone ? 'verify.online.not_found' : 'verify.online.unavailable');
                });
    }
    page.dataset.ready = 'true';
}
