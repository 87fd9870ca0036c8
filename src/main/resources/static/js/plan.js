// The JSON plan report (docs/report-json.md) as a field-level diff, grouped by service.
import {h, planCounts} from './dom.js';

const SYMBOL = {create: '+', update: '~', delete: '-'};
const SENSITIVE = '(sensitive)';

/** Parent scope as words: "service nyan, route nyan". */
export function scopeText(scope) {
  return Object.entries(scope ?? {}).map(([kind, name]) => `${kind} ${name}`).join(', ');
}

export function entityLabel(entity) {
  const scope = scopeText(entity.scope);
  return `${entity.kind} ${entity.name}${scope ? ` (${scope})` : ''}`;
}

/**
 * An entity's identity as a link target: {@code kind:name[parent=name,...]}, parents in alphabetical order, the name as
 * the report shows it. The inventory gives every entity the same anchor.
 */
export function anchorOf(entity) {
  const scope = Object.keys(entity.scope ?? {}).sort().map(kind => `${kind}=${entity.scope[kind]}`);
  return `${entity.kind}:${entity.name}${scope.length ? `[${scope.join(',')}]` : ''}`;
}

/** The plan view, scrolled to the change (or conflict) of the entity with this anchor. */
export function planHref(anchor) {
  return `#/plan?change=${encodeURIComponent(anchor)}`;
}

/** The element ids the plan view gives an entity's change and conflict. */
export function changeId(anchor) {
  return `change:${anchor}`;
}

export function conflictId(anchor) {
  return `conflict:${anchor}`;
}

function identity(entity) {
  const scope = Object.keys(entity.scope ?? {}).sort().map(k => [k, entity.scope[k]]);
  return JSON.stringify([entity.kind, entity.name, scope]);
}

/** The service a change names: its scope's, or the report's "service" of a route or plugin when it carries one. */
function serviceOf(change) {
  const scope = change.scope ?? {};
  if (scope.service) return scope.service;
  return typeof change.service === 'string' ? change.service : null;
}

/**
 * The group a change is shown in: its service when the plan says which one, else its route, else a kind of
 * top-level entity. A route's service is in the plan when the report names it (its "service"), or when the route is
 * created or moved (its "service" field). Keys sort services first (by name), then routes, then consumers,
 * upstreams, certificates, vaults and keys, global plugins.
 */
function groupOf(change, routeServices) {
  if (change.kind === 'service') return {key: `1\u0000${change.name}`, title: `service ${change.name}`};
  const scope = change.scope ?? {};
  const service = serviceOf(change);
  if (service != null) return {key: `1\u0000${service}`, title: `service ${service}`};
  const route = change.kind === 'route' ? change.name : scope.route;
  if (route != null) {
    const service = routeServices.get(route);
    return service != null
        ? {key: `1\u0000${service}`, title: `service ${service}`}
        : {key: `2\u0000${route}`, title: `route ${route}`};
  }
  // every credential is scoped to its consumer, every target to its upstream
  if (scope.consumer || change.kind === 'consumer') return {key: '3', title: 'Consumers'};
  if (scope.upstream || change.kind === 'upstream') return {key: '4', title: 'Upstreams'};
  if (['certificate', 'ca_certificate'].includes(change.kind)) return {key: '5', title: 'Certificates'};
  if (['vault', 'key_set', 'key'].includes(change.kind)) return {key: '6', title: 'Vaults and keys'};
  if (change.kind === 'plugin') return {key: '7', title: 'Global plugins'};
  return {key: '8', title: 'Other'};
}

function routeServicesOf(changes) {
  const services = new Map();
  for (const change of changes) {
    if (change.kind !== 'route') continue;
    const field = (change.fields ?? []).find(f => f.path === 'service');
    const service = serviceOf(change) ?? (field && (field.new ?? field.old));
    if (typeof service === 'string') services.set(change.name, service);
  }
  return services;
}

/** A value as the text report prints it (JSON), a secret as "(sensitive)", nothing as an em dash. */
export function value(v, absent) {
  if (v === SENSITIVE) return h('span', {class: 'sensitive'}, SENSITIVE);
  if (v == null) return h('span', {class: 'muted'}, absent ?? '—');
  return h('code', null, JSON.stringify(v));
}

function warningItem(warning, withEntity) {
  const where = warning.file ? `${warning.file}${warning.line != null ? `:${warning.line}` : ''}` : null;
  return h('li', {class: 'warning'},
      h('span', {class: 'warning-label'}, 'Warning'), ' ',
      withEntity ? h('strong', null, entityLabel(warning), ': ') : null,
      warning.message,
      where ? h('span', {class: 'muted'}, ' (', where, ')') : null);
}

function fieldsTable(change) {
  const action = change.action;
  return h('table', {class: 'diff'},
      h('thead', null, h('tr', null,
          h('th', {scope: 'col'}, 'Field'),
          h('th', {scope: 'col'}, 'In Kong'),
          h('th', {scope: 'col'}, 'In the files'))),
      h('tbody', null, change.fields.map(f => h('tr', null,
          h('th', {scope: 'row'}, h('code', null, f.path)),
          h('td', {class: action === 'create' ? 'old none' : 'old'}, value(f.old, action === 'create' ? '—' : 'unset')),
          h('td', {class: 'new'}, value(f.new, 'unset'))))));
}

/** Where the files define an entity, as "file:line" (a link when the report gives one); null when it does not say. */
export function sourceOf(entity) {
  const source = entity.source;
  if (!source || typeof source.file !== 'string') return null;
  const text = source.line != null ? `${source.file}:${source.line}` : source.file;
  const title = source.path ? `${text} ${source.path}` : text;
  return /^https:\/\//.test(source.url ?? '')
      ? h('a', {class: 'source', href: source.url, rel: 'noopener noreferrer', title}, text)
      : h('code', {class: 'source', title}, text);
}

function changeCard(change, warnings, id) {
  const scope = scopeText(change.scope);
  const source = sourceOf(change);
  return h('article', {class: `change ${change.action}`, id, 'data-kind': change.kind, 'data-name': change.name},
      h('h4', null,
          h('span', {class: 'symbol', 'aria-hidden': 'true'}, SYMBOL[change.action] ?? '?'), ' ',
          h('span', {class: 'action'}, change.action), ' ',
          h('span', {class: 'kind'}, change.kind), ' ',
          h('span', {class: 'name'}, change.name),
          scope ? h('span', {class: 'scope'}, ` (${scope})`) : null,
          source ? h('span', {class: 'change-source'}, source) : null),
      warnings.length ? h('ul', {class: 'warnings'}, warnings.map(w => warningItem(w, false))) : null,
      change.action === 'delete'
          ? h('p', {class: 'muted'}, 'Deleted from Kong: the files no longer declare it.')
          : change.fields.length ? fieldsTable(change) : null);
}

/** The whole plan: summary, conflicts, warnings without an entity in the plan, then the changes by group. */
export function renderPlan(report) {
  const changes = report.changes ?? [];
  const conflicts = report.conflicts ?? [];
  const warnings = Array.isArray(report.warnings) ? report.warnings : [];
  const root = h('div', {class: 'plan'});
  // Masked names can make two entities' anchors equal: the first keeps the id.
  const ids = new Set();
  const unique = id => (ids.has(id) ? null : (ids.add(id), id));

  const inPlan = new Set(changes.map(identity));
  const warningsByEntity = new Map();
  const loose = [];
  for (const warning of warnings) {
    const key = identity(warning);
    if (inPlan.has(key)) {
      warningsByEntity.set(key, [...(warningsByEntity.get(key) ?? []), warning]);
    } else {
      loose.push(warning);
    }
  }

  const empty = changes.length === 0;
  root.append(h('p', {class: `plan-summary ${empty ? 'ok' : 'pending'}`},
      empty ? 'No changes. Kong matches the files.' : `Plan: ${planCounts(report.summary)}.`,
      conflicts.length ? ` ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: nothing will be applied.` : ''));

  if (conflicts.length) {
    root.append(h('section', {class: 'conflicts', 'aria-labelledby': 'conflicts-title'},
        h('h3', {id: 'conflicts-title'}, 'Conflicts'),
        h('ul', null, conflicts.map(c => h('li', {id: unique(conflictId(anchorOf(c)))},
            h('strong', null, entityLabel(c)), ': ', c.message)))));
  }
  if (loose.length) {
    root.append(h('section', {class: 'warning-list', 'aria-labelledby': 'warnings-title'},
        h('h3', {id: 'warnings-title'}, 'Warnings'),
        h('ul', {class: 'warnings'}, loose.map(w => warningItem(w, true)))));
  }

  const routeServices = routeServicesOf(changes);
  const groups = new Map();
  for (const change of changes) {
    const group = groupOf(change, routeServices);
    if (!groups.has(group.key)) groups.set(group.key, {title: group.title, changes: []});
    groups.get(group.key).changes.push(change);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, group] of ordered) {
    root.append(h('section', {class: 'group'},
        h('h3', null, group.title),
        group.changes.map(c => changeCard(c, warningsByEntity.get(identity(c)) ?? [], unique(changeId(anchorOf(c)))))));
  }
  return root;
}
