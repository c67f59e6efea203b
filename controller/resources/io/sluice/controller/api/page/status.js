// The Sluice status page. It reads /v1/services with the operator's token every POLL_MS and draws
// each service, and /v1/group for the replica group the daemon is in (nothing is drawn for a daemon
// alone); with an operator or admin token it also offers pin, clear and resume. Every text
// from the API goes into the page as a text node (never as HTML), and the page's CSP allows no
// script but this file.
'use strict';
(() => {
  const TOKEN_KEY = 'sluice.token';
  const POLL_MS = 1500;
  const DECISIONS_SHOWN = 5;
  const BACKENDS = ['cvm', 'scf'];

  const byId = (id) => document.getElementById(id);
  let token = sessionStorage.getItem(TOKEN_KEY) || '';
  let who = null; // the /v1/whoami answer for the token
  let timer = null;
  let polling = false;
  const cards = new Map(); // service name -> { root, state, controls }

  /** An element with attributes and children; strings become text nodes, never markup. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c !== undefined && c !== null && c !== false) e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }

  function headers(extra) {
    return Object.assign({ Authorization: 'Bearer ' + token, Accept: 'application/json' }, extra);
  }

  /** A problem+json body as one line: status, title, detail, and the field and rule it names. */
  async function problem(response) {
    let p = {};
    try {
      p = await response.json();
    } catch (e) {
      p = { title: response.statusText };
    }
    let text = response.status + ' ' + (p.title || response.statusText);
    if (p.detail) text += ': ' + p.detail;
    if (p.field || p.rule) text += ' [field ' + (p.field || '-') + ', rule ' + (p.rule || '-') + ']';
    return { status: response.status, text };
  }

  function showError(text) {
    const e = byId('error');
    e.textContent = text || '';
    e.hidden = !text;
  }

  async function loadWho() {
    const response = await fetch('/v1/whoami', { headers: headers(), cache: 'no-store' });
    if (!response.ok) throw await problem(response);
    who = await response.json();
    byId('who').textContent = 'signed in as ' + who.actor + ' (' + who.role + ')';
    // the controls depend on the role: draw the cards again
    cards.clear();
    byId('services').replaceChildren();
  }

  async function poll() {
    clearTimeout(timer);
    if (polling) return;
    polling = true;
    try {
      byId('prompt').hidden = !!token;
      if (!token) {
        who = null;
        cards.clear();
        byId('services').replaceChildren();
        byId('who').textContent = '';
        renderGroup(null);
        showError('');
        return;
      }
      if (!who) await loadWho();
      const response = await fetch('/v1/services', { headers: headers(), cache: 'no-store' });
      if (!response.ok) throw await problem(response);
      const body = await response.json();
      render(body.services || []);
      renderGroup(await loadGroup());
      showError('');
      byId('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      if (e.status === 401) {
        who = null;
        byId('who').textContent = '';
        showError('The token was not accepted (' + e.text + '). Paste a valid token above.');
      } else {
        showError('Cannot read the services: ' + (e.text || e.message || e));
      }
    } finally {
      polling = false;
      timer = setTimeout(poll, POLL_MS);
    }
  }

  /** The /v1/group answer; null when the daemon does not have one (it predates replica groups). */
  async function loadGroup() {
    const response = await fetch('/v1/group', { headers: headers(), cache: 'no-store' });
    if (response.status === 404) return null;
    if (!response.ok) throw await problem(response);
    return response.json();
  }

  /** An http(s) address as a link to that replica's own page; anything else as text only. */
  function apiLink(api) {
    let url = null;
    try {
      url = new URL(api);
    } catch (e) {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return String(api);
    return el('a', { href: url.origin + '/', rel: 'noopener noreferrer' }, api);
  }

  /** This replica, its role, the group's epoch (once known), the leader and the live replicas. */
  /** The epoch the leader leads in; a follower knows it as the group's newest (groupEpoch). */
  function groupEpoch(group) {
    return Math.max(group.epoch || 0, group.groupEpoch || 0);
  }

  function renderGroup(group) {
    const box = byId('group');
    if (!group || group.role === 'solo') {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const leader = group.leader;
    box.replaceChildren(
      el('span', { class: 'replica' }, 'replica ' + group.replica + ' ', el('span', { class: 'role', 'data-role': group.role }, group.role)),
      groupEpoch(group) > 0 ? el('span', { class: 'epoch' }, 'epoch ' + groupEpoch(group)) : null,
      el('span', { class: 'leader' }, leader ? ['leader ' + leader.name + ' at ', apiLink(leader.api)] : 'no leader known'),
      el('span', { class: 'replicas' }, 'replicas: ' + (group.replicas || []).map((r) => r.name).join(', '))
    );
    box.hidden = false;
  }

  function render(services) {
    const list = byId('services');
    const names = new Set(services.map((s) => s.name));
    for (const [name, card] of cards) {
      if (!names.has(name)) {
        card.root.remove();
        cards.delete(name);
      }
    }
    for (const service of services) {
      let card = cards.get(service.name);
      if (!card) {
        card = newCard(service.name);
        cards.set(service.name, card);
        list.append(card.root);
      }
      // the state is drawn afresh; the controls (and what is typed in them) stay
      card.state.replaceChildren(...stateOf(service));
    }
  }

  function newCard(name) {
    const state = el('div', { class: 'state' });
    const controls = mayOverride(name) ? controlsFor(name) : null;
    const root = el('section', { class: 'service', 'data-service': name }, state, controls);
    return { root, state, controls };
  }

  /**
   * In a replica group, what each vantage point says of each backend (this replica's checks and
   * the others' reports), so a replica that disagrees shows; null alone.
   */
  function vantagesOf(service) {
    const health = service.health || {};
    const reported = BACKENDS.some((b) => ((health[b] && health[b].evidence) || []).some((e) => e.check === 'reported'));
    if (!reported) return null;
    return el(
      'ul',
      { class: 'vantages' },
      BACKENDS.map((b) =>
        el(
          'li',
          { 'data-backend': b },
          b + ': ',
          ((health[b] && health[b].evidence) || []).flatMap((e, i) => [
            i > 0 ? ', ' : null,
            el(
              'span',
              { class: 'vantage ' + e.status, 'data-vantage': e.vantage, title: e.detail },
              (e.check === 'reported' ? e.vantage : e.vantage + '/' + e.check) + ' ' + e.status
            ),
          ])
        )
      )
    );
  }

  function mayOverride(name) {
    return !!who && (who.role === 'admin' || (who.role === 'operator' && who.services.includes(name)));
  }

  function stateOf(service) {
    const parts = [];
    parts.push(
      el(
        'h2',
        {},
        service.name,
        BACKENDS.map((b) => {
          const verdict = (service.health && service.health[b] && service.health[b].verdict) || 'UNKNOWN';
          const summary = service.health && service.health[b] ? service.health[b].summary : '';
          return el('span', { class: 'verdict ' + verdict, 'data-backend': b, title: summary }, b + ' ' + verdict);
        })
      )
    );
    const vantages = vantagesOf(service);
    if (vantages) parts.push(vantages);
    if (service.override) parts.push(overrideOf(service.override));
    const decisions = [];
    for (const route of service.routes || []) {
      parts.push(routeOf(route));
      decisions.push(...(route.decisions || []));
    }
    decisions.sort((a, b) => (a.since < b.since ? 1 : a.since > b.since ? -1 : 0));
    if (decisions.length) {
      parts.push(
        el(
          'ol',
          { class: 'decisions', reversed: true },
          decisions.slice(0, DECISIONS_SHOWN).map((d) =>
            el(
              'li',
              { class: 'decision' },
              time(d.since) + ' ' + d.route + ': ' + d.kind + ' ' + d.split + ' (' + d.phase + ') ' + d.rule + ': ' + d.text
            )
          )
        )
      );
    }
    return parts;
  }

  function overrideOf(o) {
    const what = o.kind === 'pin' || o.kind === 'split' ? o.kind + ' ' + (o.split || '') : o.kind;
    return el(
      'div',
      { class: 'override', 'data-kind': o.kind },
      'Override: ' + what + (o.forced ? ' (forced)' : '') + ' by ' + o.actor + ', until ' + time(o.expiresAt) + ' (' + remaining(o.expiresAt) + ') ',
      el('q', {}, o.reason)
    );
  }

  function routeOf(route) {
    return el(
      'div',
      { class: 'route', 'data-route': route.route },
      el(
        'div',
        { class: 'route-head' },
        el('span', {}, 'route ' + route.route),
        el('span', { class: 'phase' }, route.phase),
        route.busy ? el('span', {}, 'actuating') : null,
        route.pending ? el('span', { class: 'pending' }, 'change pending') : null,
        route.prewarm ? el('span', {}, 'pre-warm ' + route.prewarm.state) : null
      ),
      bar('desired', route.desired),
      bar('actual', route.actual)
    );
  }

  /** A split such as "cvm=70,scf=30" as a bar: cvm's share left, scf's right. */
  function bar(label, split) {
    const weights = { cvm: 0, scf: 0 };
    for (const part of (split || '').split(',')) {
      const [k, v] = part.split('=');
      if (k in weights) weights[k] = Number(v) || 0;
    }
    const known = !!split;
    return el(
      'div',
      { class: 'bar-row', 'data-split': label, 'data-cvm': known ? weights.cvm : '', 'data-scf': known ? weights.scf : '' },
      el('span', { class: 'bar-label' }, label),
      el(
        'div',
        { class: 'bar', title: split || 'not known yet' },
        known
          ? BACKENDS.map((b) => {
              const s = el('span', { class: b }, weights[b] ? b + ' ' + weights[b] + '%' : '');
              s.style.width = weights[b] + '%';
              return s;
            })
          : el('span', {}, 'not known yet')
      )
    );
  }

  function controlsFor(name) {
    const backend = el('select', { class: 'pin-backend', 'aria-label': 'backend' }, el('option', { value: 'cvm' }, 'cvm'), el('option', { value: 'scf' }, 'scf'));
    const ttl = el('input', { type: 'text', class: 'ttl', value: '10m', 'aria-label': 'ttl', title: 'how long, such as 30m' });
    const reason = el('input', { type: 'text', class: 'reason', placeholder: 'reason (required)', 'aria-label': 'reason' });
    const force = el('input', { type: 'checkbox', class: 'force', id: 'force-' + name });
    const result = el('div', { class: 'result', role: 'status' });
    const path = '/v1/services/' + encodeURIComponent(name);

    async function call(method, url, body, done) {
      result.className = 'result';
      result.textContent = '...';
      try {
        const response = await fetch(url, {
          method,
          headers: headers(body ? { 'Content-Type': 'application/json' } : {}),
          body: body ? JSON.stringify(body) : undefined,
        });
        if (!response.ok) {
          const p = await problem(response);
          if (p.status === 409) p.text += ' (tick "force" to do it anyway)';
          throw p;
        }
        result.className = 'result ok';
        result.textContent = done(await response.json());
      } catch (e) {
        result.className = 'result failed';
        result.textContent = e.text || e.message || String(e);
      }
      poll();
    }

    const pin = () => {
      const body = { pin: backend.value, ttl: ttl.value.trim(), reason: reason.value.trim() };
      if (force.checked) body.force = true;
      call('PUT', path + '/override', body, (o) => 'pinned to ' + backend.value + ' until ' + time(o.expiresAt));
    };
    const clear = () => call('DELETE', path + '/override', null, () => 'override cleared');
    const resume = () => call('POST', path + '/resume', { reason: reason.value.trim() }, (r) => 'resumed (generation ' + r.resumeGeneration + ')');

    return el(
      'div',
      { class: 'controls' },
      el('label', {}, 'pin to ', backend),
      el('label', {}, 'ttl ', ttl),
      reason,
      el('label', { for: 'force-' + name }, force, ' force'),
      el('button', { type: 'button', class: 'pin', onclick: pin }, 'Pin'),
      el('button', { type: 'button', class: 'clear', onclick: clear }, 'Clear override'),
      who.mayResume ? el('button', { type: 'button', class: 'resume', onclick: resume }, 'Resume') : null,
      result
    );
  }

  function time(iso) {
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleTimeString();
  }

  function remaining(iso) {
    const s = Math.round((new Date(iso) - Date.now()) / 1000);
    if (isNaN(s)) return '?';
    if (s <= 0) return 'expiring';
    return 'in ' + (s >= 60 ? Math.floor(s / 60) + 'm ' : '') + (s % 60) + 's';
  }

  document.addEventListener('DOMContentLoaded', () => {
    byId('token').value = token;
    byId('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      token = byId('token').value.trim();
      sessionStorage.setItem(TOKEN_KEY, token);
      who = null;
      poll();
    });
    byId('token-forget').addEventListener('click', () => {
      token = '';
      byId('token').value = '';
      sessionStorage.removeItem(TOKEN_KEY);
      poll();
    });
    poll();
  });
})();
