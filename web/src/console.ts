/**
 * The staff console (`console.html`): sign in with a token, then hash routes —
 * `#/` work list, `#/cases/<caseId>` case page, `#/register` paper application,
 * `#/years/<agencyId>/<year>` year data, `#/reports/<agencyId>/<year>` annual report.
 * Emails link straight to `/console.html#/cases/<caseId>`.
 */
import './zod-jitless'; // before any zod schema of the console's modules is used
import { segment } from './api';
import { renderCasePage } from './console-case';
import { renderRegisterPage } from './console-register';
import { renderWorkList } from './console-worklist';
import { renderReportPage, renderYearPage } from './console-annual';
import { renderAdminPage } from './console-admin';
import { chooseAgency, forgetToken, openSession, reportYear, storedToken, type Session } from './console-session';
import { byId, h, notice, replaceChildren, todayInShanghai } from './dom';
import { authorizeUrl, completeSignIn, loadSignInConfig, signOutUrl, type SignInConfig } from './console-signin';
import { readForm, renderField, showErrors } from './fields';

type Route =
  | { page: 'list' }
  | { page: 'case'; caseId: string }
  | { page: 'register' }
  | { page: 'admin' }
  | { page: 'years'; agencyId: string; year: number }
  | { page: 'reports'; agencyId: string; year: number };

function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (first === 'cases' && second) return { page: 'case', caseId: second };
  if (first === 'register') return { page: 'register' };
  if (first === 'admin') return { page: 'admin' };
  if ((first === 'years' || first === 'reports') && second && third && /^\d{4}$/.test(third))
    return { page: first, agencyId: second, year: Number(third) };
  return { page: 'list' };
}

let session: Session | undefined;
/** The Cognito hosted sign-in of an AWS deployment; undefined in local mode (pasted token). */
let signIn: SignInConfig | undefined;
let signInError: string | undefined;

async function start(): Promise<void> {
  signIn = await loadSignInConfig();
  if (signIn) {
    try {
      const idToken = await completeSignIn(signIn, new URL(location.href));
      if (idToken) {
        const opened = await openSession(idToken, { remember: false });
        if (opened.ok) session = opened.session;
        else signInError = opened.message;
      }
    } catch (error) {
      signInError = error instanceof Error ? error.message : '登录未成功';
    }
  } else {
    const token = storedToken();
    if (token) {
      const opened = await openSession(token);
      if (opened.ok) session = opened.session;
      else forgetToken();
    }
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

async function route(): Promise<void> {
  const app = byId('app');
  if (!session) {
    renderNav(undefined);
    if (signIn) renderHostedSignIn(app, signIn);
    else renderSignIn(app);
    return;
  }
  const current = parseRoute(location.hash);
  if ((current.page === 'years' || current.page === 'reports') && current.agencyId !== session.agencyId)
    chooseAgency(session, current.agencyId);
  renderNav(session, current);
  replaceChildren(app, h('p', { class: 'loading' }, '正在加载……'));
  switch (current.page) {
    case 'case':
      await renderCasePage(app, session, current.caseId);
      break;
    case 'register':
      renderRegisterPage(app, session);
      break;
    case 'admin':
      await renderAdminPage(app, session);
      break;
    case 'years':
      await renderYearPage(app, session, current.agencyId, current.year);
      break;
    case 'reports':
      await renderReportPage(app, session, current.agencyId, current.year);
      break;
    default:
      await renderWorkList(app, session);
  }
  byId('main').focus({ preventScroll: true });
}

function renderNav(current: Session | undefined, active?: Route): void {
  const nav = byId('console-nav');
  if (!current) {
    replaceChildren(nav, h('span', { class: 'nav-text' }, '请先登录'));
    return;
  }
  const year = reportYear(todayInShanghai());
  const agency = segment(current.agencyId);
  const link = (href: string, label: string, active: boolean) =>
    h('a', { href, 'aria-current': active ? 'page' : undefined }, label);
  const signOut = h('button', { type: 'button', class: 'link' }, '退出');
  signOut.addEventListener('click', () => {
    forgetToken();
    session = undefined;
    if (signIn) {
      location.assign(signOutUrl(signIn).href);
      return;
    }
    location.hash = '#/';
    void route();
  });
  replaceChildren(
    nav,
    link('#/', '工作列表', active?.page === 'list' || active?.page === 'case'),
    link('#/register', '登记申请', active?.page === 'register'),
    link(`#/years/${agency}/${year}`, '年度数据', active?.page === 'years'),
    link(`#/reports/${agency}/${year}`, '年度报告', active?.page === 'reports'),
    ...(current.me.admin ? [link('#/admin', '系统管理', active?.page === 'admin')] : []),
    h('span', { class: 'nav-text' }, current.me.sub),
    signOut,
  );
}

/** AWS: one button to the Cognito hosted sign-in (authorization code with PKCE). */
function renderHostedSignIn(app: HTMLElement, config: SignInConfig): void {
  const button = h('button', { type: 'button', class: 'button primary', id: 'hosted-sign-in' }, '登录');
  button.addEventListener('click', () => {
    void authorizeUrl(config).then((url) => location.assign(url.href));
  });
  replaceChildren(
    app,
    h('h1', {}, '工作人员登录'),
    ...(signInError ? [notice('error', '登录未成功', h('p', {}, signInError))] : []),
    h('p', {}, '使用本单位的统一身份认证账号登录（需要动态验证码）。'),
    h('div', { class: 'actions' }, button),
  );
}

/** Local mode: paste a token that `gongkai start` printed. */
function renderSignIn(app: HTMLElement): void {
  const form = h(
    'form',
    { id: 'sign-in-form', class: 'form', novalidate: true },
    renderField(
      {
        path: 'token',
        label: '访问令牌',
        kind: 'text',
        required: true,
        autocomplete: 'off',
        hint: '本地运行时，gongkai start 启动后会为每个机关打印一个工作人员令牌。令牌只保存在本浏览器标签页中，关闭标签页即失效。',
      },
      'signin',
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, '登录')),
  );
  // A secret: typed into a password field, never shown or autofilled.
  byIdIn(form, 'signin-token').setAttribute('type', 'password');
  replaceChildren(
    app,
    h('h1', {}, '工作人员登录'),
    notice(
      'info',
      '关于登录方式',
      h(
        'p',
        {},
        '在AWS部署中，登录由Cognito统一身份认证提供：登录后令牌自动生成，无需手动填写。本地运行时请粘贴启动时打印的令牌。',
      ),
    ),
    form,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const token = String(readForm(form).token ?? '').trim();
      if (!token) {
        showErrors(form, '请填写访问令牌', [{ path: 'token', message: '访问令牌不能为空' }]);
        return;
      }
      const opened = await openSession(token);
      if (!opened.ok) {
        showErrors(form, '登录未成功', [{ path: 'token', message: opened.message }]);
        return;
      }
      session = opened.session;
      await route();
    })();
  });
}

function byIdIn(root: HTMLElement, id: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  if (!found) throw new Error(`#${id} missing`);
  return found;
}

/** The agency picker shown above console pages when a person works for more than one agency. */
export function agencyPicker(current: Session, onChange: (agencyId: string) => void): HTMLElement | null {
  if (current.agencies.length < 2) return null;
  const field = renderField(
    {
      path: 'agencyId',
      label: '受理机关',
      kind: 'select',
      options: current.agencies.map((a) => [a.agencyId, a.name] as const),
      initial: current.agencyId,
      required: true,
    },
    'picker',
  );
  field.querySelector('select')?.addEventListener('change', (event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (value) {
      chooseAgency(current, value);
      onChange(value);
    }
  });
  return field;
}

void start();
