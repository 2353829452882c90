// UI checks of the real workbench (code-server 4.100.3 in headless chromium), run by
// scripts/run-ui.mjs once per pass (light and dark in English, light in Vietnamese, high contrast).
// Each entry counts as one test.
//
// A check is { name, passes?: ['light'|'dark'|'vi'|'hc'], run: async (ctx) => void } and fails by
// throwing. Without `passes` it runs in light, dark and vi; the high-contrast pass runs only the checks
// that list 'hc'. ctx = { page, theme, locale, workspace, screenshot(name) -> path, step(msg) }.
// ctx.userData is code-server's --user-data-dir (its logs/ hold the extension's output channel).
// The workbench is already loaded (folder open, extension loaded from the repo) when the
// first check runs; checks run in order and share the page. Every check asserts what its name
// says: a screenshot alone is no check (the runner takes a full-window one after each pass).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
/** The extension's contributed strings in the pass's display language, as VS Code shows them. */
const nls = (locale) => JSON.parse(readFileSync(path.join(root, locale === 'en' ? 'package.nls.json' : `package.nls.${locale}.json`), 'utf8'));
const containerLabel = (locale) => nls(locale)['container.title'];
const commandTitle = (locale, key) => `${nls(locale).category}: ${nls(locale)[key]}`;
// The status bar's words (src/extension, vscode.l10n): "PAR 40/100 · 33 lacking" / "CCHC 40/100 · 33 thiếu".
const STATUS_WORDS = { en: /^PAR .*lacking$/, vi: /^CCHC .*thiếu$/ };
// From examples/ward-2025: area 3 and its first criterion.
const AREA_LABEL = '3 Cải cách thủ tục hành chính';
const CHILD_LABEL = '3.1 Công khai thủ tục hành chính';

// The expected figures come from the CLI on the same workspace and as-of date (scripts/code-server.mjs
// EXAMPLE_SETTINGS), not from the extension under test.
const AS_OF = '2025-11-20';
let statusCache;
function cliStatus(workspace) {
  statusCache ??= JSON.parse(execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'status', workspace, '--json', '--as-of', AS_OF], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } }));
  return statusCache;
}
/**
 * The dashboard's own frame (a webview's nested iframe, never the main page, whose status bar also shows the
 * score) and what it shows: its totals, the index title. Undefined when no frame shows it within the time.
 */
async function findDashboard(page, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const shown = await frame
        .evaluate(() => {
          const kpi = (name) => document.querySelector(`.kpis [data-kpi="${name}"]`)?.getAttribute('data-value');
          return document.querySelector('.kpis') ? { secured: Number(kpi('secured')), atRisk: Number(kpi('atRisk')), title: document.querySelector('h1')?.textContent ?? '' } : null;
        })
        .catch(() => null);
      if (shown) return { frame, shown };
    }
    if (Date.now() > deadline) return undefined;
    await page.waitForTimeout(1000);
  }
}

function findNode(nodes, id) {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = findNode(n.children ?? [], id);
    if (inner) return inner;
  }
  return undefined;
}
// The tree's state icons (src/extension/tree/present.ts STATE_ICONS), written out again on purpose.
const STATE_CODICONS = { missing: 'circle-large-outline', partial: 'pie-chart', present: 'pass', committed: 'pass-filled', waived: 'circle-slash' };
// Their theme colours by codicon (src/core/present/states.ts), written out again too.
const STATE_COLOURS = { 'circle-large-outline': 'charts.red', 'pie-chart': 'charts.yellow', pass: 'charts.blue', 'pass-filled': 'testing.iconPassed', 'circle-slash': 'disabledForeground', clock: 'errorForeground' };

/** How many scans the extension has logged ("Loaded N criteria file(s) in …") in its output channel's log files. */
function scansLogged(userData) {
  const files = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // no logs folder yet
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('Reform Evidence.log')) files.push(p);
    }
  };
  walk(path.join(userData, 'logs'));
  return files.reduce((n, f) => n + (readFileSync(f, 'utf8').match(/Loaded \d+ criteria file\(s\) in/g) ?? []).length, 0);
}

// The workbench's classes for the themes of scripts/code-server.mjs THEMES.
const THEME_CLASSES = {
  light: 'vs.vscode-theme-defaults-themes-light_modern-json',
  dark: 'vs-dark.vscode-theme-defaults-themes-dark_modern-json',
  hc: 'hc-black.vscode-theme-defaults-themes-hc_black-json',
};

/** WCAG contrast ratio of two CSS colours ("rgb(r, g, b)"). */
function contrastRatio(a, b) {
  const luminance = (css) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const treeRow = (page, text) => page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();

/** Runs a command through the palette (F1) and waits for the palette to close. */
async function runFromPalette(page, title, screenshot) {
  await page.locator('.part.statusbar').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  try {
    await row.waitFor({ state: 'visible', timeout: 20_000 });
  } catch {
    await screenshot('palette-no-match');
    throw new Error(`the command palette lists no "${title}" (is the command contributed with that category/title?)`);
  }
  return async () => {
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
  };
}

const activityEntry = (page, label) =>
  page.locator(`.part.activitybar [aria-label*="${label}"], .part.activitybar [title*="${label}"]`).first();

export const checks = [
  {
    name: 'workbench opens the workspace folder',
    passes: ['light', 'dark', 'vi', 'hc'],
    run: async ({ page, workspace }) => {
      const folderName = workspace.split('/').pop();
      // The window title contains the folder name once the folder is open.
      await page.waitForFunction((name) => document.title.includes(name), folderName, { timeout: 60_000 });
    },
  },
  {
    name: 'colour theme from the settings is applied',
    passes: ['light', 'dark', 'vi', 'hc'],
    run: async ({ page, theme }) => {
      // e.g. "vs-dark vscode-theme-defaults-themes-dark_modern-json" for Default Dark Modern
      const cls = THEME_CLASSES[theme];
      try {
        await page.waitForSelector(`.monaco-workbench.${cls}`, { timeout: 30_000 });
      } catch {
        const actual = await page.evaluate(() => document.querySelector('.monaco-workbench')?.className);
        throw new Error(`expected the ${theme} theme (.${cls}); the workbench has class "${actual}"`);
      }
    },
  },
  {
    name: 'activity bar has the view container (its title in the display language)',
    run: async ({ page, locale }) => {
      const CONTAINER_LABEL = containerLabel(locale);
      try {
        await activityEntry(page, CONTAINER_LABEL).waitFor({ state: 'attached', timeout: 45_000 });
      } catch {
        const labels = await page
          .locator('.part.activitybar .action-item [aria-label]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
        throw new Error(
          `no activity-bar entry whose aria-label/title contains "${CONTAINER_LABEL}" ` +
            `(is contributes.viewsContainers.activitybar declared in package.json?). Entries: ${JSON.stringify(labels)}`,
        );
      }
    },
  },
  {
    name: "clicking the view container opens it with the example's areas",
    passes: ['light', 'dark', 'vi', 'hc'],
    run: async ({ page, screenshot, step, locale }) => {
      const CONTAINER_LABEL = containerLabel(locale);
      const entry = activityEntry(page, CONTAINER_LABEL);
      if ((await entry.count()) === 0) throw new Error(`no "${CONTAINER_LABEL}" activity-bar entry to click`);
      await entry.click();
      const sidebar = page.locator('.part.sidebar');
      await sidebar.waitFor({ state: 'visible', timeout: 30_000 });
      await page.waitForFunction(
        (label) => (document.querySelector('.part.sidebar .composite.title')?.textContent ?? '').toLowerCase().includes(label.toLowerCase()),
        CONTAINER_LABEL,
        { timeout: 30_000 },
      );
      step('waiting for tree items, a welcome view or a webview in the side bar');
      try {
        await page
          .locator('.part.sidebar .monaco-list-row, .part.sidebar .webview, .part.sidebar iframe, .part.sidebar .welcome-view-content')
          .first()
          .waitFor({ state: 'visible', timeout: 60_000 });
      } catch {
        const text = (await sidebar.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
        throw new Error(`the "${CONTAINER_LABEL}" side bar shows no tree items, welcome view or webview after 60 s; it shows: "${text.slice(0, 300)}"`);
      }
      step('waiting for the areas of the example in the Evidence tree');
      try {
        await treeRow(page, AREA_LABEL).waitFor({ state: 'visible', timeout: 120_000 });
      } catch {
        const text = (await sidebar.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
        throw new Error(`the Evidence tree shows no "${AREA_LABEL}" row after 120 s; the side bar shows: "${text.slice(0, 300)}"`);
      }
      await page.waitForTimeout(1500); // let icons and decorations settle before the screenshot
      await screenshot('reform-evidence-view');
    },
  },
  {
    name: 'expanding an area shows its criteria with states and scores',
    run: async ({ page, screenshot, workspace }) => {
      const area = treeRow(page, AREA_LABEL);
      if ((await area.getAttribute('aria-expanded')) !== 'true') await area.click();
      const child = treeRow(page, CHILD_LABEL);
      await child.waitFor({ state: 'visible', timeout: 30_000 });
      const rowText = (await child.innerText()).replace(/\s+/g, ' ');
      if (!/\d+(?:[.,]\d+)?\/\d+(?:[.,]\d+)?/.test(rowText)) throw new Error(`criterion row "${rowText}" shows no score like 1/1`);
      // The row's own icon (not the twistie), and the codicon of the state the CLI computes for it.
      const node = findNode(cliStatus(workspace).areas, CHILD_LABEL.split(' ')[0]);
      if (!node) throw new Error(`the CLI status has no criterion ${CHILD_LABEL}`);
      const expected = node.overdue ? 'clock' : STATE_CODICONS[node.state];
      const icon = (await child.locator('.custom-view-tree-node-item-icon').first().getAttribute('class').catch(() => null)) ?? '';
      if (!icon.split(/\s+/).includes(`codicon-${expected}`)) throw new Error(`criterion row's icon has classes "${icon}", expected codicon-${expected} (state ${node.state}${node.overdue ? ', overdue' : ''})`);
      await page.waitForTimeout(800);
      await screenshot('area-expanded');
    },
  },
  {
    name: 'high contrast: the state icons show in the theme\'s colours, legible on the side bar, with its contrast border',
    passes: ['hc'],
    run: async ({ page, screenshot, workspace }) => {
      const area = treeRow(page, AREA_LABEL);
      if ((await area.getAttribute('aria-expanded')) !== 'true') await area.click();
      await treeRow(page, CHILD_LABEL).waitFor({ state: 'visible', timeout: 30_000 });
      await page.waitForTimeout(800);
      // Every criterion row of the area: its state codicon and the colour it is drawn in (VS Code sets the theme's
      // value of the icon's theme colour on the element).
      const rows = await page.locator('.part.sidebar .monaco-list-row').evaluateAll((els) =>
        els.map((row) => {
          const icon = row.querySelector('.custom-view-tree-node-item-icon');
          return {
            label: (row.querySelector('.label-name') ?? row).textContent.trim(),
            classes: icon?.className ?? '',
            inline: icon?.style.color ?? '',
            shown: icon ? window.getComputedStyle(icon).color : '',
          };
        }),
      );
      // What this theme defines for each theme colour (`charts.red` → --vscode-charts-red), as rgb().
      const themeColours = await page.evaluate((ids) => {
        const workbench = window.getComputedStyle(document.querySelector('.monaco-workbench'));
        return Object.fromEntries(
          ids.map((id) => {
            const probe = document.createElement('span');
            probe.style.color = workbench.getPropertyValue(`--vscode-${id.replace(/\./g, '-')}`).trim() || 'transparent';
            document.body.append(probe);
            const colour = window.getComputedStyle(probe).color;
            probe.remove();
            return [id, colour];
          }),
        );
      }, Object.values(STATE_COLOURS));
      const sidebar = await page.evaluate(() => {
        // The colour behind the tree: the nearest ancestor of a row with an opaque background.
        let el = document.querySelector('.part.sidebar .monaco-list-row');
        let background = 'rgb(0, 0, 0)';
        for (; el; el = el.parentElement) {
          const bg = window.getComputedStyle(el).backgroundColor;
          if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) {
            background = bg;
            break;
          }
        }
        const wb = window.getComputedStyle(document.querySelector('.monaco-workbench'));
        return { background, contrastBorder: wb.getPropertyValue('--vscode-contrastBorder').trim() };
      });
      // High contrast themes (and only they) set a contrast border around the parts.
      if (!/^#[0-9a-f]{3,8}$/i.test(sidebar.contrastBorder)) throw new Error(`no contrast border colour in the high contrast theme (--vscode-contrastBorder "${sidebar.contrastBorder}")`);
      const status = cliStatus(workspace);
      const areaNode = findNode(status.areas, AREA_LABEL.split(' ')[0]);
      const criteria = (areaNode?.children ?? []).map((c) => ({ id: c.id, expected: c.overdue ? 'clock' : STATE_CODICONS[c.state] }));
      if (criteria.length < 2) throw new Error(`the CLI status has ${criteria.length} criteria in area ${AREA_LABEL}`);
      const seen = new Set();
      for (const { id, expected } of criteria) {
        seen.add(themeColours[STATE_COLOURS[expected]]);
        const row = rows.find((r) => r.label.startsWith(`${id} `));
        if (!row) throw new Error(`no tree row for criterion ${id}; rows: ${rows.map((r) => r.label).join(' | ')}`);
        if (!row.classes.split(/\s+/).includes(`codicon-${expected}`)) throw new Error(`row ${id}: icon classes "${row.classes}", expected codicon-${expected}`);
        const colourId = STATE_COLOURS[expected];
        if (!row.inline) throw new Error(`row ${id}: the icon has no colour of its own`);
        if (row.shown !== themeColours[colourId]) throw new Error(`row ${id}: the icon shows ${row.shown}, the theme's ${colourId} is ${themeColours[colourId]}`);
        const ratio = contrastRatio(row.shown, sidebar.background);
        if (ratio < 3) throw new Error(`row ${id}: icon ${row.shown} on ${sidebar.background} has contrast ${ratio.toFixed(2)}:1 (< 3:1)`);
      }
      if (seen.size < 2) throw new Error(`the area's criteria show only ${[...seen].join(', ')}: the check needs two states with different colours`);
      await screenshot('high-contrast-tree');
    },
  },
  {
    name: 'the status bar speaks the display language',
    run: async ({ page, locale }) => {
      const item = page.locator('.part.statusbar .statusbar-item', { hasText: '/100' }).first();
      await item.waitFor({ state: 'visible', timeout: 30_000 });
      const text = (await item.innerText()).replace(/\s+/g, ' ').trim();
      if (!STATUS_WORDS[locale].test(text)) throw new Error(`status bar item "${text}" does not match ${STATUS_WORDS[locale]} (display language ${locale})`);
    },
  },
  {
    name: 'the palette runs Refresh by its title in the display language',
    passes: ['light', 'vi'],
    run: async ({ page, screenshot, locale, userData }) => {
      const before = scansLogged(userData);
      if (before === 0) throw new Error(`no scan logged under ${userData}/logs yet: cannot tell whether Refresh runs`);
      const run = await runFromPalette(page, commandTitle(locale, 'command.refresh'), screenshot);
      await screenshot('palette');
      await run();
      // Refresh scans the criteria files again: one more "Loaded … criteria file(s)" line in the log.
      const deadline = Date.now() + 30_000;
      while (scansLogged(userData) <= before && Date.now() < deadline) await page.waitForTimeout(500);
      if (scansLogged(userData) <= before) throw new Error(`Refresh logged no new scan within 30 s (${before} before)`);
      const errors = await page
        .locator('.notifications-toasts .notification-toast')
        .filter({ has: page.locator('.codicon-error') })
        .allInnerTexts();
      if (errors.length) throw new Error(`error notification after running the command: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'Open Dashboard (by its title in the display language) shows the score in a webview',
    run: async ({ page, screenshot, locale, workspace }) => {
      const run = await runFromPalette(page, commandTitle(locale, 'command.openDashboard'), screenshot);
      await run();
      // The page lives in a webview's nested iframes: look only there (never the main page, whose status bar
      // also shows the score), for the dashboard's own totals, the index title and the points at risk.
      const status = cliStatus(workspace);
      const found = await findDashboard(page, 60_000);
      if (!found) {
        await screenshot('dashboard-missing');
        throw new Error('no webview frame shows the dashboard (.kpis) after 60 s');
      }
      const { shown } = found;
      const expected = { secured: status.totals.secured, atRisk: status.totals.atRisk, title: status.index.title };
      if (JSON.stringify(shown) !== JSON.stringify(expected)) throw new Error(`the dashboard shows ${JSON.stringify(shown)}, the CLI ${JSON.stringify(expected)}`);
      await page.waitForTimeout(1500);
      await screenshot('dashboard');
    },
  },
  {
    name: 'the dashboard is restored after a reload of the window, with its figures',
    passes: ['light'],
    run: async ({ page, screenshot, workspace }) => {
      if (!(await findDashboard(page, 5_000))) throw new Error('no dashboard open before the reload');
      // Reloaded as a user does, by Developer: Reload Window: the workbench saves its editors before it reloads
      // (a bare page.reload() can unload the page before the open editors are stored, and none comes back).
      const reload = await runFromPalette(page, 'Developer: Reload Window', screenshot);
      await Promise.all([page.waitForEvent('domcontentloaded', { timeout: 60_000 }), reload().catch(() => undefined)]);
      // Nothing runs the command again: only the webview serializer can bring the panel back.
      const found = await findDashboard(page, 90_000);
      if (!found) {
        await screenshot('dashboard-not-restored');
        throw new Error('no dashboard frame after the reload (90 s)');
      }
      const status = cliStatus(workspace);
      const expected = { secured: status.totals.secured, atRisk: status.totals.atRisk, title: status.index.title };
      if (JSON.stringify(found.shown) !== JSON.stringify(expected)) throw new Error(`the restored dashboard shows ${JSON.stringify(found.shown)}, the CLI ${JSON.stringify(expected)}`);
    },
  },
];
