// @ts-check
/* global CSS, Element */
// The dashboard page. It renders what the host sends (see src/extension/dashboard/protocol.ts) and posts
// back what the user clicked. Every text from the criteria file goes in with textContent, never as HTML.

/** @typedef {import('../../src/extension/dashboard/protocol').HostMessage} HostMessage */
/** @typedef {import('../../src/extension/dashboard/protocol').PageMessage} PageMessage */
/** @typedef {import('../../src/extension/dashboard/protocol').DashboardView} DashboardView */
/** @typedef {import('../../src/extension/dashboard/protocol').DashboardStrings} DashboardStrings */
/** @typedef {import('../../src/core/report/dashboardData').DashboardData} DashboardData */
/** @typedef {import('../../src/core/report/dashboardData').DashboardArea} DashboardArea */
/** @typedef {import('../../src/core/report/dashboardData').DeadlineItem} DeadlineItem */
/** @typedef {import('../../src/core/report/dashboardData').DashboardIndicator} DashboardIndicator */
/** @typedef {import('../../src/core/report/progressTypes').ProgressView} ProgressView */
/** @typedef {import('../../src/core/report/progressTypes').ProgressSeries} ProgressSeries */
/** @typedef {import('../../src/core/model/types').State} State */
/** @typedef {import('../../src/core/present/states').Look} Look */
/** @typedef {import('../../src/core/present/states').Presentation} Presentation */

(function () {
  const vscode = acquireVsCodeApi();
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));

  /** @type {{ open: string[], scope?: string }} Which areas are expanded and which unit the weeks show; survives the page being hidden and shown. */
  const saved = vscode.getState() || { open: [] };
  /** @type {DashboardStrings | undefined} */
  let strings;
  /** @type {DashboardView | undefined} */
  let view;
  /** @type {Presentation | undefined} The look of states and numbers, sent by the host (src/core/present). */
  let look;
  /** @type {Intl.NumberFormat | undefined} */
  let numbers;
  /** @type {Intl.NumberFormat | undefined} Rates: one decimal always, as the trees and the CLI show them. */
  let rates;
  /** @type {string} */
  let locale = 'en';
  /** Charts drawn by the last render, and what lays them out once they are in the page. @type {Array<{ destroy(): void }>} */
  let charts = [];
  /** @type {Array<() => void>} */
  let afterRender = [];
  /** @type {{ entryUri: string, view: ProgressView } | undefined} The weeks, sent after the figures. */
  let progress;
  /** The weeks' chart, drawn again on its own when they arrive. @type {{ destroy(): void } | undefined} */
  let progressChart;

  /** @param {PageMessage} message */
  function post(message) {
    vscode.postMessage(message);
  }

  /**
   * @param {import('../../src/extension/dashboard/protocol').DashboardStringKey} key
   * @param {...(string | number)} args
   */
  function s(key, ...args) {
    const template = (strings && strings[key]) || key;
    return template.replace(/\{(\d+)\}/g, (whole, i) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));
  }

  /** @param {number} n */
  function num(n) {
    return numbers ? numbers.format(n) : String(n);
  }

  /** @param {number} r */
  function pct(r) {
    return `${rates ? rates.format(r) : r.toFixed(1)}%`;
  }

  /** A state's codicon in its theme colour. @param {Look} state @param {string} [extra] */
  function stateIcon(state, extra) {
    const it = look && look.states[state];
    const span = icon(lookIcon(state), extra);
    // The theme colour `charts.red` is the CSS variable `--vscode-charts-red` in a webview.
    if (it) span.style.color = `var(--vscode-${it.color.replace(/\./g, '-')})`;
    return span;
  }

  /** @param {Look} state */
  function lookIcon(state) {
    return look ? look.states[state].icon : '';
  }

  /** @param {Look} state */
  function stateText(state) {
    return (look && look.states[state].label) || state;
  }

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {string} [className]
   * @param {string | number} [text]
   * @returns {HTMLElementTagNameMap[K]}
   */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  /** @param {string} name @param {string} [extra] */
  function icon(name, extra) {
    const span = el('span', `codicon codicon-${name}${extra ? ' ' + extra : ''}`);
    span.setAttribute('aria-hidden', 'true');
    return span;
  }

  /** A row the user can click or activate with Enter/Space. @param {HTMLElement} node @param {PageMessage} message */
  function actionable(node, message) {
    node.tabIndex = 0;
    node.setAttribute('role', 'button');
    node.dataset.message = JSON.stringify(message);
    node.classList.add('actionable');
    return node;
  }

  /**
   * A horizontal bar of secured / at-risk / waived points. Widths are set through the CSSOM, which the CSP allows.
   * @param {number} secured @param {number} atRisk @param {number} waived @param {number} [scale]
   */
  function pointsBar(secured, atRisk, waived, scale) {
    const total = scale ?? secured + atRisk + waived;
    const bar = el('div', 'bar');
    bar.setAttribute('aria-hidden', 'true');
    for (const [cls, value] of /** @type {Array<[string, number]>} */ ([['secured', secured], ['risk', atRisk], ['waived', waived]])) {
      if (value <= 0 || total <= 0) continue;
      const part = el('span', cls);
      part.style.width = `${(value / total) * 100}%`;
      bar.append(part);
    }
    return bar;
  }

  /** @param {State} state @param {boolean} overdue */
  function stateBadge(state, overdue) {
    const wrap = el('span', `state state-${state}`);
    wrap.append(stateIcon(state), el('span', 'state-text', stateText(state)));
    if (overdue) {
      const late = el('span', 'overdue-flag');
      late.append(stateIcon('overdue'), el('span', '', stateText('overdue')));
      wrap.append(late);
    }
    return wrap;
  }

  /** @param {number} days */
  function relativeDue(days) {
    return days < 0 ? s('daysLate', -days) : days === 0 ? s('dueToday') : s('daysLeft', days);
  }

  // ── sections ────────────────────────────────────────────────────────────

  /** @param {DashboardView} v */
  function header(v) {
    const d = v.data;
    const head = el('header', 'head');
    const titles = el('div', 'titles');
    titles.append(el('p', 'eyebrow', s('title')), el('h1', '', d.index.title || d.index.id));
    const sub = el('p', 'sub');
    const asOf = el('span', 'as-of');
    asOf.append(icon('calendar'), el('span', '', s('asOf', d.asOf)));
    const git = el('span', 'git');
    git.append(icon(d.git ? 'git-commit' : 'folder'), el('span', '', d.git ? s('gitOn') : s('gitOff')));
    sub.append(asOf, git);
    titles.append(sub);
    if (v.entries.length > 1) {
      const label = el('label', 'entry-picker');
      label.append(el('span', '', s('criteriaFile')));
      const select = el('select');
      for (const entry of v.entries) {
        const option = el('option', '', entry.label);
        option.value = entry.uri;
        option.selected = entry.uri === v.entryUri;
        select.append(option);
      }
      select.addEventListener('change', () => post({ type: 'selectEntry', entryUri: select.value }));
      label.append(select);
      titles.append(label);
    }
    const actions = el('div', 'actions');
    for (const [command, name, cls] of /** @type {Array<['weeklyReport' | 'selfAssessment' | 'refresh', string, string]>} */ ([
      ['weeklyReport', 'output', 'primary'],
      ['selfAssessment', 'table', 'secondary'],
      ['refresh', 'refresh', 'secondary icon-only'],
    ])) {
      const button = el('button', `btn ${cls}`);
      button.type = 'button';
      button.title = s(command);
      button.setAttribute('aria-label', s(command));
      button.append(icon(name));
      if (!cls.includes('icon-only')) button.append(el('span', '', s(command)));
      button.addEventListener('click', () => post({ type: 'command', command }));
      actions.append(button);
    }
    head.append(titles, actions);
    return head;
  }

  /** @param {DashboardData} d */
  function kpis(d) {
    const t = d.totals;
    const grid = el('section', 'kpis');
    grid.setAttribute('aria-label', s('title'));

    /** @param {string} cls @param {string} label @param {string} name @param {number} value @param {string} shown */
    const card = (cls, label, name, value, shown) => {
      const c = el('div', `kpi ${cls}`);
      const top = el('div', 'kpi-label');
      top.append(icon(name), el('span', '', label));
      const big = el('div', 'kpi-value', shown);
      big.dataset.kpi = cls;
      big.dataset.value = String(value);
      c.append(top, big);
      grid.append(c);
      return c;
    };

    const secured = card('secured', s('secured'), 'pass-filled', t.secured, num(t.secured));
    secured.append(el('div', 'kpi-note', s('ofMax', num(t.max))), pointsBar(t.secured, t.atRisk, t.waived, t.max));
    const risk = card('atRisk', s('atRisk'), 'warning', t.atRisk, num(t.atRisk));
    risk.append(el('div', 'kpi-note', `${Math.round(t.max > 0 ? (t.atRisk / t.max) * 100 : 0)}% ${s('ofMax', num(t.max))}`));
    const share = Math.round(d.evidenceShare * 100);
    const evidence = card('evidence', s('withEvidence'), 'checklist', share, `${share}%`);
    const progress = el('div', 'progress');
    progress.setAttribute('role', 'progressbar');
    progress.setAttribute('aria-valuemin', '0');
    progress.setAttribute('aria-valuemax', '100');
    progress.setAttribute('aria-valuenow', String(share));
    const fill = el('span');
    fill.style.width = `${share}%`;
    progress.append(fill);
    evidence.append(el('div', 'kpi-note', `${s('withEvidenceDetail', t.complete, t.criteria)} · ${s('target')}`), progress);
    const overdue = card('overdue', s('overdue'), 'clock', t.overdue, num(t.overdue));
    const lateTasks = d.deadlines.filter((x) => x.kind === 'task' && x.overdue).length;
    overdue.append(el('div', 'kpi-note', s('overdueDetail', lateTasks, t.overdue - lateTasks)));
    const waived = card('waived', s('waived'), lookIcon('waived'), t.waived, num(t.waived));
    waived.append(el('div', 'kpi-note', s('ofMax', num(t.max))));
    return grid;
  }

  /** @param {DashboardView} v */
  function areas(v) {
    const d = v.data;
    const section = el('section', 'panel areas');
    const hint = el('p', 'hint legend');
    hint.append(el('span', '', s('byAreaHint')));
    for (const [cls, key] of /** @type {Array<[string, 'secured' | 'atRisk' | 'waived']>} */ ([['secured', 'secured'], ['risk', 'atRisk'], ['waived', 'waived']])) {
      const item = el('span', 'legend-item');
      item.append(el('span', `swatch ${cls}`), el('span', '', s(key)));
      hint.append(item);
    }
    section.append(el('h2', '', s('byArea')), hint);
    const scale = Math.max(...d.areas.map((a) => a.max), 1);
    const list = el('div', 'area-list');
    for (const area of d.areas) list.append(areaBlock(v, area, scale));
    section.append(list);
    return section;
  }

  /** @param {DashboardView} v @param {DashboardArea} area @param {number} scale */
  function areaBlock(v, area, scale) {
    const open = saved.open.includes(area.id);
    const block = el('div', 'area' + (open ? ' open' : ''));
    const row = el('button', 'area-row');
    row.type = 'button';
    row.setAttribute('aria-expanded', String(open));
    row.title = open ? s('collapse') : s('expand');
    row.dataset.area = area.id;
    const name = el('span', 'area-name');
    const areaTitle = el('span', 'area-title', area.title);
    areaTitle.title = area.title;
    name.append(icon(open ? 'chevron-down' : 'chevron-right', 'chevron'), el('span', 'area-id', area.id), areaTitle);
    const barWrap = el('span', 'area-bar');
    const bar = pointsBar(area.secured, area.atRisk, area.waived, scale);
    barWrap.append(bar);
    const figures = el('span', 'area-figures');
    const got = el('span', 'got');
    got.append(el('b', '', num(area.secured)), document.createTextNode(` / ${num(area.max)}`));
    figures.append(got);
    const risk = el('span', 'risk-figure' + (area.atRisk > 0 ? '' : ' zero'), area.atRisk > 0 ? `−${num(area.atRisk)}` : '✓');
    risk.title = s('atRisk');
    figures.append(risk);
    if (area.overdue > 0) {
      const late = el('span', 'badge overdue-badge');
      late.append(icon(lookIcon('overdue')), el('span', '', num(area.overdue)));
      late.title = s('overdue');
      figures.append(late);
    }
    row.append(name, barWrap, figures);
    row.addEventListener('click', () => {
      saved.open = open ? saved.open.filter((id) => id !== area.id) : [...saved.open, area.id];
      vscode.setState(saved);
      block.replaceWith(areaBlock(v, area, scale));
      const again = /** @type {HTMLElement | null} */ (app.querySelector(`.area-row[data-area="${CSS.escape(area.id)}"]`));
      again?.focus();
    });
    block.append(row);
    if (open) {
      const rows = el('div', 'criteria');
      for (const c of area.rows) {
        const r = actionable(el('div', `crit depth-${Math.min(c.depth, 3)}${c.leaf ? ' leaf' : ' parent'}`), { type: 'revealCriterion', entryUri: v.entryUri, id: c.id });
        r.dataset.id = c.id;
        const title = el('span', 'crit-name');
        title.append(stateIcon(c.state, `state-icon state-${c.state}`), el('span', 'crit-id', c.id), el('span', 'crit-title', c.title));
        title.title = `${c.title} — ${stateText(c.state)}`;
        const meta = el('span', 'crit-meta');
        if (c.owner) meta.append(el('span', 'chip', c.owner));
        if (c.due && c.leaf) meta.append(el('span', 'due' + (c.overdue ? ' late' : ''), c.due));
        if (c.overdue) meta.append(icon(lookIcon('overdue'), 'late'));
        const pts = el('span', 'crit-points', c.state === 'waived' ? '—' : `${num(c.secured)}/${num(c.maxScore)}`);
        r.append(title, meta, pts);
        rows.append(r);
      }
      block.append(rows);
    }
    return block;
  }

  /** @param {DashboardData} d */
  function units(d) {
    const section = el('section', 'panel units');
    section.append(el('h2', '', s('byUnit')), el('p', 'hint', s('byUnitHint')));
    const table = el('table', 'grid-table');
    const head = el('tr');
    for (const [text, cls] of [[s('unit'), ''], [s('criteria'), 'num'], [s('secured'), 'num'], [s('atRisk'), 'num risk-col'], [s('overdue'), 'num']]) head.append(el('th', cls, text));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    const scale = Math.max(...d.units.map((u) => u.atRisk), 1);
    for (const u of d.units) {
      const tr = el('tr');
      tr.dataset.unit = u.id;
      const name = el('td', 'unit-name');
      name.append(el('span', 'chip', u.id), el('span', 'unit-full', u.name));
      const crit = el('td', 'num', `${num(u.complete)}/${num(u.criteria)}`);
      const got = el('td', 'num', `${num(u.secured)}/${num(u.max - u.waived)}`);
      const risk = el('td', 'num risk-col');
      const cell = el('div', 'risk-cell');
      const riskValue = el('span', 'risk-value' + (u.atRisk > 0 ? '' : ' zero'), num(u.atRisk));
      riskValue.dataset.value = String(u.atRisk);
      const meter = el('span', 'meter');
      const fill = el('span');
      fill.style.width = `${(u.atRisk / scale) * 100}%`;
      meter.append(fill);
      cell.append(meter, riskValue);
      risk.append(cell);
      const late = el('td', 'num' + (u.overdue > 0 ? ' late' : ''), num(u.overdue));
      tr.append(name, crit, got, risk, late);
      body.append(tr);
    }
    table.append(thead, body);
    section.append(table);
    return section;
  }

  /** @param {DashboardView} v */
  function deadlines(v) {
    const d = v.data;
    const section = el('section', 'panel deadlines');
    section.append(el('h2', '', s('deadlines')), el('p', 'hint', s('deadlinesHint')));
    if (d.deadlines.length === 0) {
      section.append(el('p', 'empty', s('noDeadlines')));
      return section;
    }
    const list = el('div', 'deadline-list');
    for (const item of d.deadlines) list.append(deadlineRow(v, item));
    section.append(list);
    return section;
  }

  /** @param {DashboardView} v @param {DeadlineItem} item */
  function deadlineRow(v, item) {
    const row = actionable(
      el('div', 'deadline' + (item.overdue ? ' is-late' : ' is-soon')),
      item.kind === 'task' ? { type: 'revealTask', entryUri: v.entryUri, id: item.id } : { type: 'revealCriterion', entryUri: v.entryUri, id: item.id },
    );
    row.dataset.id = item.id;
    const when = el('div', 'when');
    // Overdue through a late task while its own date is still ahead: say which task.
    const rel = item.overdue && item.daysLeft >= 0 && item.viaTasks.length > 0 ? s('viaTask', item.viaTasks.join(', ')) : relativeDue(item.daysLeft);
    when.append(icon(item.overdue ? 'clock' : 'watch'), el('span', 'date', item.due), el('span', 'rel', rel));
    const what = el('div', 'what');
    const title = el('div', 'what-title');
    title.append(el('span', item.kind === 'task' ? 'chip task' : 'crit-id', item.kind === 'task' ? `${s('task')} ${item.id}` : item.id), el('span', '', item.title));
    const meta = el('div', 'what-meta');
    if (item.owner) meta.append(el('span', 'chip', item.owner), el('span', 'owner-name', item.ownerName || ''));
    meta.append(stateBadge(item.state, false));
    if (item.points > 0) meta.append(el('span', 'pts', s('pointsAtStake', num(item.points))));
    what.append(title, meta);
    row.append(when, what);
    return row;
  }

  /** @param {DashboardView} v */
  function recent(v) {
    const r = v.data.recent;
    const section = el('section', 'panel recent');
    section.append(el('h2', '', s('recent')), el('p', 'hint', s('recentHint', r.since)));
    if (!r.available) {
      const note = el('p', 'empty');
      note.append(icon('info'), el('span', '', s('recentNoGit')));
      section.append(note);
      return section;
    }
    if (r.commits.length === 0) {
      section.append(el('p', 'empty', s('recentNone', r.since)));
      return section;
    }
    const list = el('ul', 'commits');
    for (const c of r.commits) {
      const li = el('li', 'commit');
      const top = el('div', 'commit-top');
      top.append(icon('git-commit'), el('span', 'hash', c.shortHash), el('span', 'commit-date', c.date.slice(0, 10)), el('span', 'author', c.author));
      const subject = el('div', 'subject', c.subject);
      const refs = el('div', 'refs');
      for (const id of c.criteria) {
        const chip = actionable(el('span', 'chip link'), { type: 'revealCriterion', entryUri: v.entryUri, id });
        chip.textContent = id;
        refs.append(chip);
      }
      for (const file of c.files.slice(0, 5)) {
        const link = actionable(el('span', 'file link'), { type: 'openFile', entryUri: v.entryUri, path: file });
        link.append(icon('file'), el('span', '', file.split('/').pop() || file));
        link.title = file;
        refs.append(link);
      }
      if (c.files.length > 5) refs.append(el('span', 'more', s('files', c.files.length)));
      li.append(top, subject, refs);
      list.append(li);
    }
    section.append(list);
    if (r.total > r.commits.length) section.append(el('p', 'hint', s('recentMore', r.total - r.commits.length)));
    return section;
  }

  /** A CSS variable of the theme as the canvas needs it (canvas cannot resolve var()). @param {string} name @param {string} fallback */
  function themeColor(name, fallback) {
    const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || getComputedStyle(document.body).getPropertyValue(name).trim();
    return value || fallback;
  }

  /** `2025-03` as an axis label: `T3` in Vietnamese (tháng 3), `Mar` in English. @param {string} period */
  function monthLabel(period) {
    const [y, m] = period.split('-').map(Number);
    if (locale === 'vi') return `T${m}`;
    return new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 15));
  }

  /** `2025-03` in full, for the legend and screen readers: `3/2025`, `Mar 2025`. @param {string} period */
  function monthText(period) {
    const [y, m] = period.split('-').map(Number);
    if (locale === 'vi') return `${m}/${y}`;
    return new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 15));
  }

  /** The rate, or why there is none: an unknown figure never reads as a number. @param {DashboardIndicator} i */
  function rateOrWhy(i) {
    if (i.quality === 'unknown') return s('qualityUnknown');
    if (i.quality === 'missing') return s('qualityMissing');
    return i.rate === null ? s('qualityNoCases') : pct(i.rate);
  }

  /** Short of full points: scored below the maximum, or unknown. @param {DashboardIndicator} i */
  function belowFull(i) {
    return i.quality === 'unknown' || (i.quality !== 'missing' && i.score !== null && i.score < i.maxScore);
  }

  /** @param {DashboardView} v */
  function indicators(v) {
    const section = el('section', 'panel indicators');
    section.append(el('h2', '', s('indicators')), el('p', 'hint', s('indicatorsHint')));
    const grid = el('div', 'indicator-grid');
    for (const i of v.data.indicators) grid.append(indicatorCard(v, i));
    section.append(grid);
    return section;
  }

  /** @param {DashboardView} v @param {DashboardIndicator} i */
  function indicatorCard(v, i) {
    const card = el('article', 'indicator' + (belowFull(i) ? ' below' : ''));
    card.dataset.id = i.id;
    const head = actionable(el('div', 'indicator-head'), { type: 'revealCriterion', entryUri: v.entryUri, id: i.id });
    const name = el('span', 'indicator-name');
    name.append(el('span', 'crit-id', i.id), el('span', 'crit-title', i.title));
    name.title = i.title;
    const figure = el('span', 'indicator-figure');
    const rate = el('b', 'indicator-rate', rateOrWhy(i));
    rate.dataset.value = i.rate === null ? '' : String(i.rate);
    const pts = el('span', 'indicator-points', `${num(i.secured)}/${num(i.maxScore)}`);
    figure.append(rate, pts);
    head.append(name, figure);
    card.append(head);
    const meta = el('div', 'indicator-meta');
    if (i.owner) meta.append(el('span', 'chip', i.owner));
    if (i.fullAt !== null) meta.append(el('span', 'full-at', s('fullAt', pct(i.fullAt))));
    if (belowFull(i)) {
      const flag = el('span', 'below-flag');
      flag.append(icon('graph-line'), el('span', '', s('belowFull')));
      meta.append(flag);
    }
    card.append(meta);

    const plot = el('div', 'chart');
    // What is plotted, as plotted: months, monthly rates (null: no case that month) and the threshold.
    const labels = i.series.map((p) => p.period);
    const values = i.series.map((p) => p.rate);
    const threshold = i.series.map(() => i.fullAt);
    plot.setAttribute('role', 'img');
    plot.setAttribute('aria-label', `${i.id} ${i.title}: ${i.series.map((p) => `${monthText(p.period)} ${p.rate === null ? '—' : pct(p.rate)}`).join(', ')}`);
    card.append(plot);
    if (i.series.length === 0) {
      plot.classList.add('empty-chart');
      plot.append(el('p', 'empty', rateOrWhy(i)));
      return card;
    }
    card.append(seriesTable(i));
    const uPlot = /** @type {any} */ (window).uPlot;
    if (typeof uPlot !== 'function') return card;
    afterRender.push(() => {
      const fg = themeColor('--vscode-descriptionForeground', '#717171');
      const grid = themeColor('--vscode-panel-border', 'rgba(128,128,128,0.3)');
      const line = themeColor('--vscode-charts-blue', '#1a85ff');
      const limit = themeColor('--vscode-charts-green', '#388a34');
      const font = `11px ${themeColor('--vscode-font-family', 'sans-serif')}`;
      const width = Math.max(220, plot.clientWidth);
      const xs = labels.map((_, n) => n);
      const top = Math.max(100, ...values.map((r) => r ?? 0));
      const chart = new uPlot(
        {
          width,
          height: 170,
          legend: { show: true, live: true },
          cursor: { points: { size: 7 }, drag: { x: false, y: false } },
          scales: { x: { time: false, range: [-0.3, Math.max(xs.length - 0.7, 0.7)] }, y: { range: [0, top] } },
          axes: [
            { stroke: fg, font, grid: { show: false }, ticks: { stroke: grid }, splits: () => xs, values: (/** @type {any} */ _u, /** @type {number[]} */ splits) => splits.map((x) => (labels[x] ? monthLabel(labels[x]) : '')) },
            { stroke: fg, font, size: 44, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, splits: () => [0, 25, 50, 75, 100], values: (/** @type {any} */ _u, /** @type {number[]} */ splits) => splits.map((y) => `${num(y)}%`) },
          ],
          series: [
            { label: s('month'), value: (/** @type {any} */ _u, /** @type {number | null} */ x) => (x === null || !labels[x] ? '—' : monthText(labels[x])) },
            { label: s('rate'), stroke: line, width: 2, spanGaps: false, points: { show: true, size: 6, fill: line }, value: (/** @type {any} */ _u, /** @type {number | null} */ y) => (y === null ? '—' : pct(y)) },
            { label: s('fullAtShort'), stroke: limit, width: 1.5, dash: [6, 4], points: { show: false }, value: (/** @type {any} */ _u, /** @type {number | null} */ y) => (y === null ? '—' : pct(y)), show: i.fullAt !== null },
          ],
        },
        [xs, values, threshold],
        plot,
      );
      plot.dataset.plotted = JSON.stringify({ periods: labels, rates: chart.data[1], threshold: chart.data[2] });
      charts.push(chart);
    });
    return card;
  }

  /** The same figures as a table, for screen readers and for anyone without the chart. @param {DashboardIndicator} i */
  function seriesTable(i) {
    const table = el('table', 'visually-hidden');
    const head = el('tr');
    for (const text of [s('month'), s('rate'), s('numerator'), s('denominator')]) head.append(el('th', '', text));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    for (const p of i.series) {
      const tr = el('tr');
      tr.append(el('td', '', monthText(p.period)), el('td', '', p.rate === null ? '—' : pct(p.rate)), el('td', '', num(p.numerator)), el('td', '', num(p.denominator)));
      body.append(tr);
    }
    table.append(thead, body);
    return table;
  }

  /** `2025-11-20` on the axis: `20/11` in Vietnamese, `Nov 20` in English (as the weekly report's chart). @param {string} iso */
  function dayLabel(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    if (locale === 'vi') return `${d}/${m}`;
    return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  }

  /** The weeks of the shown entry: a chart once they arrive, a note without Git or with one commit, never a made-up line. @param {DashboardView} v */
  function progressSection(v) {
    const section = el('section', 'panel weeks');
    section.append(el('h2', '', s('progress')));
    const p = progress && progress.entryUri === v.entryUri ? progress.view : undefined;
    if (!p) {
      section.setAttribute('aria-busy', 'true');
      const note = el('p', 'empty loading');
      note.append(icon('loading', 'codicon-modifier-spin'), el('span', '', s('progressLoading')));
      section.append(note);
      return section;
    }
    if (p.kind !== 'chart') {
      const note = el('p', 'empty');
      note.dataset.progress = p.kind;
      note.append(icon('info'), el('span', '', p.kind === 'noGit' ? s('progressNoGit') : s('progressTooFew', p.commits)));
      section.append(note);
      return section;
    }
    section.append(el('p', 'hint', s('progressHint')));
    const unit = p.units.find((u) => u.id === saved.scope);
    if (p.units.length > 0) {
      const label = el('label', 'scope-picker');
      label.append(el('span', '', s('progressScope')));
      const select = el('select');
      const whole = el('option', '', s('progressWholeIndex'));
      whole.value = '';
      select.append(whole);
      for (const u of p.units) {
        const option = el('option', '', `${u.id} — ${u.name}`);
        option.value = u.id;
        option.selected = u === unit;
        select.append(option);
      }
      select.addEventListener('change', () => {
        saved.scope = select.value || undefined;
        vscode.setState(saved);
        redrawProgress();
        /** @type {HTMLSelectElement | null} */ (app.querySelector('.weeks select'))?.focus();
      });
      label.append(select);
      section.append(label);
    }
    const series = unit ? unit.series : p.total;
    const plot = el('div', 'chart progress-chart');
    plot.dataset.scope = unit ? unit.id : '';
    plot.setAttribute('role', 'img');
    plot.setAttribute('aria-label', `${s('progress')}${unit ? ` (${unit.id})` : ''}: ${series.dates.map((d, i) => `${d} ${s('secured')} ${num(series.secured[i])}/${num(series.max[i])}, ${s('atRisk')} ${num(series.atRisk[i])}, ${s('overdue')} ${series.overdue[i]}`).join('; ')}`);
    section.append(plot, progressTable(series));
    const uPlot = /** @type {any} */ (window).uPlot;
    if (typeof uPlot !== 'function') return section;
    afterRender.push(() => {
      progressChart?.destroy();
      const fg = themeColor('--vscode-descriptionForeground', '#717171');
      const grid = themeColor('--vscode-panel-border', 'rgba(128,128,128,0.3)');
      const font = `11px ${themeColor('--vscode-font-family', 'sans-serif')}`;
      const green = themeColor('--vscode-charts-green', '#388a34');
      const red = themeColor('--vscode-charts-red', '#e51400');
      const orange = themeColor('--vscode-charts-orange', '#d18616');
      const xs = series.dates.map((_, n) => n);
      const top = Math.max(1, ...series.max, ...series.secured, ...series.atRisk);
      const overdueTop = Math.max(4, ...series.overdue);
      /** @param {number | null} y */
      const points = (y) => (y === null ? '—' : num(y));
      const chart = new uPlot(
        {
          width: Math.max(260, plot.clientWidth),
          height: 220,
          legend: { show: true, live: true },
          cursor: { points: { size: 7 }, drag: { x: false, y: false } },
          scales: { x: { time: false, range: [-0.3, xs.length - 0.7] }, y: { range: [0, top] }, n: { range: [0, overdueTop] } },
          axes: [
            { stroke: fg, font, grid: { show: false }, ticks: { stroke: grid }, splits: () => xs, values: (/** @type {any} */ _u, /** @type {number[]} */ splits) => splits.map((x) => (series.dates[x] ? dayLabel(series.dates[x]) : '')) },
            { stroke: fg, font, size: 44, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, values: (/** @type {any} */ _u, /** @type {number[]} */ splits) => splits.map((y) => num(y)) },
            { scale: 'n', side: 1, stroke: orange, font, size: 36, grid: { show: false }, ticks: { stroke: grid }, incrs: [1, 2, 5, 10, 20, 50, 100], values: (/** @type {any} */ _u, /** @type {number[]} */ splits) => splits.map((y) => String(y)) },
          ],
          series: [
            { label: s('week'), value: (/** @type {any} */ _u, /** @type {number | null} */ x) => (x === null || !series.dates[x] ? '—' : series.dates[x]) },
            { label: s('max'), stroke: fg, width: 1.5, dash: [6, 4], points: { show: false }, value: (/** @type {any} */ _u, /** @type {number | null} */ y) => points(y) },
            { label: s('secured'), stroke: green, width: 2, points: { show: true, size: 6, fill: green }, value: (/** @type {any} */ _u, /** @type {number | null} */ y) => points(y) },
            { label: s('atRisk'), stroke: red, width: 2, points: { show: true, size: 5, fill: red }, value: (/** @type {any} */ _u, /** @type {number | null} */ y) => points(y) },
            { label: s('progressOverdue'), scale: 'n', stroke: orange, width: 1.5, dash: [2, 3], points: { show: true, size: 4, fill: orange }, value: (/** @type {any} */ _u, /** @type {number | null} */ y) => (y === null ? '—' : String(y)) },
          ],
        },
        [xs, series.max, series.secured, series.atRisk, series.overdue],
        plot,
      );
      // What is plotted, as plotted: the browser tier compares it with `history --json`.
      plot.dataset.plotted = JSON.stringify({ dates: series.dates, max: chart.data[1], secured: chart.data[2], atRisk: chart.data[3], overdue: chart.data[4] });
      progressChart = chart;
    });
    return section;
  }

  /** The weeks as a table, for screen readers and for anyone without the chart. @param {ProgressSeries} series */
  function progressTable(series) {
    const table = el('table', 'visually-hidden');
    const head = el('tr');
    for (const text of [s('week'), s('secured'), s('max'), s('atRisk'), s('overdue')]) head.append(el('th', '', text));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    series.dates.forEach((d, i) => {
      const tr = el('tr');
      tr.append(el('td', '', d), el('td', '', num(series.secured[i])), el('td', '', num(series.max[i])), el('td', '', num(series.atRisk[i])), el('td', '', String(series.overdue[i])));
      body.append(tr);
    });
    table.append(thead, body);
    return table;
  }

  /** Only the weeks' section, in place: the rest of the page (and its focus and scroll) stays. */
  function redrawProgress() {
    const old = app.querySelector('section.weeks');
    if (!old || !view) return;
    afterRender = [];
    old.replaceWith(progressSection(view));
    for (const draw of afterRender.splice(0)) draw();
  }

  function render() {
    for (const chart of charts) chart.destroy();
    charts = [];
    progressChart?.destroy();
    progressChart = undefined;
    afterRender = [];
    app.replaceChildren();
    app.setAttribute('aria-busy', 'false');
    if (!view || !strings) return;
    const d = view.data;
    app.append(header(view));
    if (d.problems.errors > 0) {
      const warn = el('p', 'banner');
      warn.append(icon('warning'), el('span', '', s('problems', d.problems.errors)));
      app.append(warn);
    }
    app.append(kpis(d), progressSection(view), areas(view));
    if (d.indicators.length > 0) app.append(indicators(view));
    const columns = el('div', 'columns');
    columns.append(units(d), deadlines(view));
    app.append(columns, recent(view));
    // Charts measure their width, so they are drawn once the page holds them.
    for (const draw of afterRender.splice(0)) draw();
  }

  // The charts' colours come from the theme: draw again when VS Code switches it (it changes the body's class),
  // and when the page's width changes.
  new MutationObserver(() => {
    if (view && strings) render();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => {
      if (view && strings && (charts.length > 0 || progressChart)) render();
    }, 150);
  });

  /** @param {string} message */
  function renderEmpty(message) {
    app.replaceChildren(el('p', 'empty big', message));
    app.setAttribute('aria-busy', 'false');
  }

  // ── events ──────────────────────────────────────────────────────────────

  /** @param {Event} event */
  function activate(event) {
    const target = /** @type {HTMLElement | null} */ (event.target instanceof Element ? event.target.closest('[data-message]') : null);
    if (!target || !app.contains(target)) return;
    event.preventDefault();
    post(/** @type {PageMessage} */ (JSON.parse(target.dataset.message || '{}')));
  }

  app.addEventListener('click', activate);
  app.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') activate(event);
  });

  window.addEventListener('message', (event) => {
    /** @type {HostMessage} */
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'init':
        strings = message.strings;
        look = message.presentation;
        numbers = new Intl.NumberFormat(look.numbers.locale, look.numbers.options);
        rates = new Intl.NumberFormat(look.rates.locale, look.rates.options);
        locale = message.locale;
        document.documentElement.lang = message.locale;
        view = message.view;
        if (view) render();
        break;
      case 'update':
        view = message.view;
        render();
        break;
      case 'progress':
        progress = { entryUri: message.entryUri, view: message.progress };
        if (view && strings && view.entryUri === message.entryUri) redrawProgress();
        break;
      case 'empty':
        view = undefined;
        renderEmpty(String(message.message));
        break;
    }
  });

  post({ type: 'ready' });
})();
