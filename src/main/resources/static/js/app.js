// The kongsync dashboard: hash-routed views over the REST API (/api/v1), no other back end.
import {duration, h, planCounts, plural, replace, shortCommit, stateBadge, time} from './dom.js';
import {renderInventory} from './inventory.js';
import {changeId, conflictId, renderPlan} from './plan.js';

const TOKEN_KEY = 'kongsync.apiToken';
const POLL_MILLIS = 500;
const main = document.getElementById('main');
const progress = document.getElementById('progress');

// ---- API ------------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

class NoToken extends Error {
  constructor() {
    super('The API needs its token.');
  }
}

async function problemOf(response) {
  try {
    const body = await response.json();
    return body && typeof body === 'object' ? body : {};
  } catch {
    return {title: `${response.status} ${response.statusText}`};
  }
}

/** fetch with the session's token; a 401 asks for the token (once for every request waiting) and retries. */
async function api(path, init = {}) {
  for (;;) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = {Accept: 'application/json', ...(init.headers ?? {})};
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(path, {...init, headers, cache: 'no-store'});
    if (response.status !== 401) {
      if (!response.ok) throw new ApiError(response.status, await problemOf(response));
      return response;
    }
    await problemOf(response);
    const now = sessionStorage.getItem(TOKEN_KEY);
    if (now !== token) continue; // another request was answered with a new token meanwhile
    if (token) sessionStorage.removeItem(TOKEN_KEY);
    await askToken(token
        ? 'The API did not accept that token. Enter it again.'
        : 'The kongsync API needs its token (kongsync.api.token). It is kept in this browser tab only.');
  }
}

async function getJson(path) {
  return (await api(path)).json();
}

let pendingToken = null;

/** Shows the token form; resolves when a token is stored, rejects with NoToken when the form is cancelled. */
function askToken(message) {
  if (pendingToken) return pendingToken;
  const dialog = document.getElementById('token-dialog');
  const form = document.getElementById('token-form');
  const input = document.getElementById('token-input');
  const cancel = document.getElementById('token-cancel');
  document.getElementById('token-message').textContent = message;
  input.value = '';
  pendingToken = new Promise((resolve, reject) => {
    const settle = ok => {
      form.removeEventListener('submit', submitted);
      cancel.removeEventListener('click', cancelled);
      dialog.removeEventListener('cancel', cancelled);
      if (dialog.open) dialog.close();
      pendingToken = null;
      if (ok) resolve(); else reject(new NoToken());
    };
    const submitted = event => {
      event.preventDefault();
      const token = input.value.trim();
      if (!token) return;
      sessionStorage.setItem(TOKEN_KEY, token);
      settle(true);
    };
    const cancelled = event => {
      event.preventDefault();
      settle(false);
    };
    form.addEventListener('submit', submitted);
    cancel.addEventListener('click', cancelled);
    dialog.addEventListener('cancel', cancelled);
  });
  dialog.showModal();
  input.focus();
  return pendingToken;
}

function errorView(error) {
  if (error instanceof NoToken) {
    return h('div', {class: 'error-box'},
        h('p', null, 'The dashboard shows nothing without the API token.'),
        h('button', {type: 'button', onclick: () => route()}, 'Enter the token'));
  }
  const problem = error.problem ?? {};
  const problems = Array.isArray(problem.problems) ? problem.problems : [];
  return h('div', {class: 'error-box', role: 'alert'},
      h('p', null, h('strong', null, problem.title || 'Error'), error.status ? ` (${error.status})` : '', ': ',
          error.message),
      problems.length ? h('ul', {class: 'problems'}, problems.map(p => h('li', null, h('code', null, p)))) : null);
}

// ---- views ----------------------------------------------------------------------------------------------------

/** "PT5M" as "5 min"; null for a zero interval. */
function interval(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso ?? '');
  if (!m) return iso;
  const parts = [m[1] && `${m[1]} h`, m[2] && `${m[2]} min`, m[3] && Number(m[3]) && `${Number(m[3])} s`]
      .filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

function syncLink(sync, text) {
  return h('a', {href: `#/syncs/${encodeURIComponent(sync.id)}`}, text ?? sync.id);
}

function definitions(rows) {
  return h('dl', {class: 'facts'}, rows.filter(Boolean).map(([term, ...value]) => [h('dt', null, term),
    h('dd', null, value)]));
}

function nodeConfiguration(node) {
  if (!node.reachable) return '—';
  if (node.mode !== 'db-less') return 'in the database';
  if (!node.configurationHash) return 'unknown';
  return /^0+$/.test(node.configurationHash) ? 'no configuration loaded'
      : h('span', null, 'hash ', h('code', {title: node.configurationHash}, node.configurationHash.slice(0, 12)));
}

function gatewayCard(gateway) {
  const nodes = gateway.nodes ?? [];
  return h('section', {class: 'card wide', 'aria-labelledby': 'gateway-title'},
      h('h2', {id: 'gateway-title'}, 'Gateway'),
      gateway.sandbox
          ? h('p', {class: 'notice sandbox-notice'},
              h('strong', null, 'This is the kongsync sandbox, not a Kong gateway.'),
              ' kongsync started an in-memory stand-in for the Kong Admin API because kongsync.kong.admin-url is '
              + 'not set. It proxies no traffic; set the admin URL to manage a real Kong.')
          : h('p', null, gateway.description),
      h('p', {class: gateway.reachable ? 'ok' : 'bad'},
          gateway.reachable ? 'Every node answers.' : 'Kong does not answer: syncs and plans will fail.'),
      h('table', {class: 'nodes'},
          h('thead', null, h('tr', null, ['Admin API', 'State', 'Version', 'Mode', 'Hostname', 'Configuration']
              .map(t => h('th', {scope: 'col'}, t)))),
          h('tbody', null, nodes.map(node => h('tr', null,
              h('td', null, h('code', null, node.adminUrl),
                  node.sandbox ? [' ', h('span', {class: 'badge sandbox'}, 'kongsync sandbox')] : null),
              h('td', null, node.reachable ? h('span', {class: 'ok'}, 'reachable')
                  : [h('span', {class: 'bad'}, 'unreachable'), node.error ? h('div', {class: 'small'}, node.error)
                      : null]),
              h('td', null, node.version ?? '—'),
              h('td', null, node.mode ?? '—'),
              h('td', null, node.hostname ?? '—'),
              h('td', null, nodeConfiguration(node)))))));
}

function sourceCard(source, lastSync) {
  const git = source.kind !== 'directory';
  let commit;
  if (lastSync?.commit) {
    commit = [h('code', {title: lastSync.commit}, shortCommit(lastSync.commit)),
      lastSync.commitMessage ? ` ${lastSync.commitMessage}` : ''];
  } else {
    commit = h('span', {class: 'muted'}, git ? 'none synced yet' : 'none: a directory has no commits');
  }
  return h('section', {class: 'card', 'aria-labelledby': 'source-title'},
      h('h2', {id: 'source-title'}, 'Source'),
      definitions(git ? [
        ['Git repository', h('code', null, source.uri ?? '—')],
        ['Branch', source.branch ?? '—'],
        ['Path', h('code', null, source.path ?? '—')],
        ['Last synced commit', commit],
      ] : [
        ['Directory', h('code', null, source.uri ?? source.path ?? '—')],
        ['Last synced commit', commit],
      ]));
}

function lastSyncCard(status) {
  const last = status.lastSync;
  const busy = [status.running && ['Running now', syncLink(status.running), ` (${status.running.trigger})`],
    status.queued && ['Queued', syncLink(status.queued), ` (${status.queued.trigger})`]];
  return h('section', {class: 'card', 'aria-labelledby': 'last-sync-title'},
      h('h2', {id: 'last-sync-title'}, 'Last sync'),
      last ? definitions([
        ['Result', stateBadge(last.state), last.kongMatches ? ' Kong matched the files afterwards' : ''],
        ['Finished', time(last.finishedAt)],
        ['Trigger', last.trigger, last.reason ? ` (${last.reason})` : ''],
        ['Duration', duration(last.durationMillis)],
        last.plan ? ['Plan', planCounts(last.plan)] : null,
        last.error ? ['Error', h('span', {class: 'bad'}, last.error)] : null,
        ['Details', syncLink(last)],
        ...busy,
      ]) : [h('p', {class: 'muted'}, 'No sync has finished yet.'), definitions(busy)]);
}

function driftCard(drift, now) {
  const every = interval(drift.interval);
  const last = drift.last;
  let current;
  if (now.error) {
    current = errorView(now.error);
  } else {
    const summary = now.plan.summary;
    const pending = summary.create + summary.update + summary.delete;
    const conflicts = (now.plan.conflicts ?? []).length;
    current = h('p', {class: `drift-now ${pending || conflicts ? 'pending' : 'ok'}`},
        pending ? `${plural(pending, 'pending change')}: ${planCounts(summary)}.` : 'Kong matches the files.',
        conflicts ? ` ${plural(conflicts, 'conflict')}.` : '',
        pending || conflicts ? [' ', h('a', {href: '#/plan'}, 'See the plan')] : '');
  }
  const inventory = h('p', null, h('a', {href: '#/inventory'}, 'See what Kong runs and where the files define it'));
  return h('section', {class: 'card', 'aria-labelledby': 'drift-title'},
      h('h2', {id: 'drift-title'}, 'Drift now'),
      current,
      inventory,
      definitions([
        ['Checked', time(now.checkedAt), now.commit ? [' against ', h('code', null, shortCommit(now.commit))] : ''],
        ['Scheduled checks', every ? `every ${every}` : 'off',
          every ? `, auto-correct ${drift.autoCorrect ? 'on' : 'off'}` : ''],
        ['Last scheduled check', last
            ? [time(last.checkedAt), ': ', last.error ? h('span', {class: 'bad'}, last.error)
                : plural(last.changes, 'pending change')]
            : h('span', {class: 'muted'}, 'none yet')],
      ]));
}

async function planNow() {
  const checkedAt = new Date().toISOString();
  try {
    const response = await api('/api/v1/plan?format=json');
    return {plan: await response.json(), commit: response.headers.get('Kongsync-Commit'), checkedAt};
  } catch (error) {
    if (error instanceof NoToken) throw error;
    return {error, checkedAt};
  }
}

async function overview() {
  const [status, now] = await Promise.all([getJson('/api/v1/status'), planNow()]);
  return [h('h1', {tabindex: '-1'}, 'Overview'),
    h('div', {class: 'cards'},
        gatewayCard(status.gateway), sourceCard(status.source, status.lastSync), driftCard(status.drift, now),
        lastSyncCard(status))];
}

async function planPage() {
  const now = await planNow();
  const heading = h('h1', {tabindex: '-1'}, 'Plan');
  const intro = h('p', {class: 'intro'}, 'What a sync would change now: the files',
      now.commit ? [' at ', h('code', null, shortCommit(now.commit))] : '', ' against what Kong runs. Checked ',
      time(now.checkedAt), '. ', h('button', {type: 'button', onclick: () => route()}, 'Plan again'));
  if (now.error) {
    return [heading, intro, errorView(now.error)];
  }
  return [heading, intro, renderPlan(now.plan)];
}

async function inventoryPage(params) {
  const checkedAt = new Date().toISOString();
  const inventory = await getJson('/api/v1/inventory');
  const kong = inventory.kong;
  const filter = {query: params.get('q') ?? '', status: params.get('status') ?? ''};
  return [h('h1', {tabindex: '-1'}, 'Inventory'),
    h('p', {class: 'intro'}, 'What Kong runs and where the files define it: the files',
        inventory.commit ? [' at ', h('code', {title: inventory.commit}, shortCommit(inventory.commit))] : '',
        ' against ', kong ? `Kong ${kong.version} (${kong.mode === 'dbless' ? 'DB-less' : 'database'}${kong.sandbox
            ? ', the kongsync sandbox' : ''})` : 'Kong', '. Checked ', time(checkedAt), '. ',
        h('button', {type: 'button', onclick: () => route()}, 'Check again')),
    renderInventory(inventory, filter, ({query, status}) => {
      const search = new URLSearchParams();
      if (query) search.set('q', query);
      if (status) search.set('status', status);
      const hash = `#/inventory${search.toString() ? `?${search}` : ''}`;
      if (location.hash !== hash) history.replaceState(null, '', hash);
    })];
}

async function historyPage(page) {
  const size = 20;
  const list = await getJson(`/api/v1/syncs?page=${page}&size=${size}`);
  const items = list.items ?? [];
  return [h('h1', {tabindex: '-1'}, 'History'),
    h('p', {class: 'intro'}, `${plural(list.total, 'sync')} kept, newest first.`),
    items.length === 0 ? h('p', {class: 'muted'}, 'Nothing yet.') : h('table', {class: 'history'},
        h('thead', null, h('tr', null, ['Sync', 'Queued', 'Trigger', 'Commit', 'Result', 'Plan', 'Duration']
            .map(t => h('th', {scope: 'col'}, t)))),
        h('tbody', null, items.map(s => h('tr', {class: `state-${s.state}`},
            h('td', null, syncLink(s), s.dryRun ? [' ', h('span', {class: 'badge dry'}, 'dry run')] : null),
            h('td', null, time(s.queuedAt)),
            h('td', null, s.trigger),
            h('td', null, s.commit ? h('code', {title: s.commit}, shortCommit(s.commit)) : h('span', {class: 'muted'}, '—')),
            h('td', null, stateBadge(s.state),
                s.error ? h('div', {class: 'small bad clip', title: s.error}, s.error) : null),
            h('td', null, s.plan ? planCounts(s.plan) : '—'),
            h('td', null, duration(s.durationMillis)))))),
    h('nav', {class: 'pager', 'aria-label': 'History pages'},
        page > 0 ? h('a', {href: `#/history?page=${page - 1}`}, '← Newer') : null,
        list.next ? h('a', {href: `#/history?page=${page + 1}`}, 'Older →') : null)];
}

function operationsTable(operations) {
  return h('table', {class: 'operations'},
      h('thead', null, h('tr', null, ['Operation', 'Result', 'Attempts', 'Time', 'Error']
          .map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', null, operations.map(op => h('tr', {class: `op-${op.status}`},
          h('td', null, op.operation),
          h('td', null, h('span', {class: `badge op-${op.status}`}, op.status)),
          h('td', {class: 'num'}, op.attempts),
          h('td', {class: 'num'}, duration(op.millis)),
          h('td', {class: 'error-cell'}, op.error ?? '')))));
}

function textReportButton(id) {
  const holder = h('div', {class: 'text-report'});
  const button = h('button', {type: 'button', onclick: async () => {
    button.disabled = true;
    try {
      const text = await (await api(`/api/v1/syncs/${encodeURIComponent(id)}?format=text`,
          {headers: {Accept: 'text/plain'}})).text();
      replace(holder, h('pre', null, text));
    } catch (error) {
      replace(holder, errorView(error));
    }
  }}, 'Show the text report');
  return [button, holder];
}

async function syncPage(id, seq) {
  const sync = await getJson(`/api/v1/syncs/${encodeURIComponent(id)}`);
  if (!['succeeded', 'failed'].includes(sync.state)) {
    setTimeout(async () => {
      if (seq !== renderSeq) return;
      try {
        const content = await syncPage(id, seq);
        if (seq === renderSeq) replace(main, content);
      } catch {
        // the next navigation renders the error
      }
    }, 1000);
  }
  const operations = sync.operations ?? [];
  const problems = sync.problems ?? [];
  const report = sync.report;
  const plan = report?.plan ?? (report?.changes ? report : null);
  const failed = operations.filter(op => op.status === 'failed').length;
  return [
    h('h1', {tabindex: '-1'}, sync.dryRun ? 'Dry run ' : 'Sync ', h('code', null, sync.id)),
    definitions([
      ['Result', stateBadge(sync.state), report?.message ? ` ${report.message}` : ''],
      ['Trigger', sync.trigger, sync.reason ? ` (${sync.reason})` : ''],
      ['Commit', sync.commit ? [h('code', {title: sync.commit}, shortCommit(sync.commit)),
        sync.commitMessage ? ` ${sync.commitMessage}` : ''] : h('span', {class: 'muted'}, '—')],
      ['Queued', time(sync.queuedAt)],
      ['Started', time(sync.startedAt)],
      ['Finished', time(sync.finishedAt)],
      ['Duration', duration(sync.durationMillis)],
      sync.plan ? ['Plan', planCounts(sync.plan), sync.plan.conflicts ? `, ${plural(sync.plan.conflicts, 'conflict')}`
          : ''] : null,
      sync.dryRun ? null : ['Kong matches the files', sync.kongMatches == null ? '—' : sync.kongMatches ? 'yes' : 'no'],
      sync.pullRequest ? ['Pull request', `${sync.pullRequest.repository} #${sync.pullRequest.number}`,
        ` (head `, h('code', {title: sync.pullRequest.headCommit}, shortCommit(sync.pullRequest.headCommit)), ')'] : null,
      sync.review ? ['Review posted', `${sync.review.verdict}: ${sync.review.description}`,
        sync.review.delivered ? '' : ` (not delivered: ${(sync.review.problems ?? []).join('; ')})`] : null,
      sync.reviewedPlan ? ['Reviewed plan', `${sync.reviewedPlan.pullRequest.repository} #${sync.reviewedPlan.pullRequest.number}: `
        + (sync.reviewedPlan.matches ? 'applied exactly the plan shown on the pull request'
          : `differs; not reviewed: ${sync.reviewedPlan.notReviewed.join(', ') || 'none'}`)] : null,
    ]),
    sync.error ? h('section', {class: 'error-box', role: 'alert', 'aria-labelledby': 'error-title'},
        h('h2', {id: 'error-title'}, 'Error'),
        h('p', {class: 'sync-error'}, sync.error),
        problems.length ? h('ul', {class: 'problems'}, problems.map(p => h('li', null, h('code', null, p)))) : null)
        : null,
    !sync.error && problems.length ? h('ul', {class: 'problems'}, problems.map(p => h('li', null, h('code', null, p))))
        : null,
    h('section', {'aria-labelledby': 'operations-title'},
        h('h2', {id: 'operations-title'}, 'Operations',
            operations.length ? h('span', {class: 'muted'}, ` (${operations.length}${failed ? `, ${failed} failed`
                : ''})`) : null),
        operations.length ? operationsTable(operations)
            : h('p', {class: 'muted'}, sync.dryRun ? 'A dry run applies nothing.' : 'Nothing was applied.')),
    plan ? h('section', {'aria-labelledby': 'plan-title'}, h('h2', {id: 'plan-title'}, 'Plan'), renderPlan(plan))
        : null,
    report ? h('section', null, textReportButton(sync.id)) : null,
  ];
}

function notFound() {
  return [h('h1', {tabindex: '-1'}, 'Not found'), h('p', null, 'No such page. ', h('a', {href: '#/'}, 'Overview'))];
}

// ---- routing --------------------------------------------------------------------------------------------------

let renderSeq = 0;

function markNav(section) {
  for (const link of document.querySelectorAll('header nav a')) {
    if (link.dataset.view === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function route(event) {
  const seq = ++renderSeq;
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const params = new URLSearchParams(query ?? '');
  let view;
  let section = parts[0] ?? 'overview';
  if (parts.length === 0 || parts[0] === 'overview') view = overview;
  else if (parts[0] === 'plan') view = planPage;
  else if (parts[0] === 'inventory') view = () => inventoryPage(params);
  else if (parts[0] === 'history') view = () => historyPage(Math.max(0, Number.parseInt(params.get('page'), 10) || 0));
  else if (parts[0] === 'syncs' && parts[1]) {
    section = 'history';
    view = () => syncPage(decodeURIComponent(parts[1]), seq);
  } else view = notFound;
  markNav(section);
  main.setAttribute('aria-busy', 'true');
  replace(main, h('p', {class: 'muted'}, 'Loading…'));
  let content;
  try {
    content = await view();
  } catch (error) {
    content = errorView(error);
  }
  if (seq !== renderSeq) return;
  replace(main, content);
  main.setAttribute('aria-busy', 'false');
  document.title = `${main.querySelector('h1')?.textContent ?? 'Error'} · kongsync`;
  const target = section === 'plan' ? planTarget(params.get('change')) : null;
  if (event || target) (target ?? main.querySelector('h1') ?? main).focus();
}

/** The change (or conflict) a link into the plan points at, marked and scrolled to; null when the plan has none. */
function planTarget(anchor) {
  if (!anchor) return null;
  const target = document.getElementById(changeId(anchor)) ?? document.getElementById(conflictId(anchor));
  if (!target) {
    main.querySelector('.plan')?.prepend(h('p', {class: 'notice', role: 'status'},
        'The plan no longer changes ', h('code', null, anchor), ': it may have been synced since.'));
    return null;
  }
  target.classList.add('targeted');
  target.setAttribute('tabindex', '-1');
  target.scrollIntoView({block: 'center'});
  return target;
}

// ---- actions --------------------------------------------------------------------------------------------------

const sleep = millis => new Promise(resolve => setTimeout(resolve, millis));

function showProgress(...children) {
  progress.hidden = false;
  replace(progress, children);
}

async function startSync(dryRun) {
  const buttons = document.querySelectorAll('.actions button');
  const what = dryRun ? 'Dry run' : 'Sync';
  buttons.forEach(b => { b.disabled = true; });
  showProgress(h('progress', {'aria-label': `${what} in progress`}), ` ${what}: starting…`);
  try {
    const response = await api('/api/v1/syncs', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({dryRun}),
    });
    const location = response.headers.get('Location');
    let sync = await response.json();
    const started = Date.now();
    while (sync.state !== 'succeeded' && sync.state !== 'failed') {
      showProgress(h('progress', {'aria-label': `${what} in progress`}), ` ${what} `, syncLink(sync), ` ${sync.state}`,
          ` (${duration(Date.now() - started)})…`);
      await sleep(POLL_MILLIS);
      sync = await getJson(location);
    }
    let message;
    if (sync.state === 'failed') {
      message = `${what} failed: ${sync.error ?? 'see its page'}`;
    } else if (dryRun) {
      const changes = sync.plan ? sync.plan.create + sync.plan.update + sync.plan.delete : 0;
      message = changes ? `Dry run: ${planCounts(sync.plan)}.` : 'Dry run: no changes, Kong matches the files.';
    } else {
      message = sync.report?.message ?? 'Sync succeeded.';
    }
    showProgress(h('span', {class: `result ${sync.state === 'succeeded' ? 'ok' : 'bad'}`}, message), ' ',
        syncLink(sync, `See ${what.toLowerCase()} ${sync.id}`));
    await route();
  } catch (error) {
    showProgress(h('span', {class: 'result bad'}, error instanceof NoToken
        ? `${what} not started: the API needs its token.` : `${what} could not start: ${error.message}`));
  } finally {
    buttons.forEach(b => { b.disabled = false; });
  }
}

document.getElementById('dry-run').addEventListener('click', () => startSync(true));
document.getElementById('sync-now').addEventListener('click', () => startSync(false));
window.addEventListener('hashchange', route);
route();
