/**
 * The local mail page (`/_local/mail`): every email the local system has sent, newest first, in Chinese,
 * with Beijing times. Rendered on the server as plain HTML (no script), every value escaped.
 */
import { escapeHtml } from '../functions/shared/html';
import type { LocalEmail } from './mail-store';

/**
 * An instant in Beijing time (UTC+8), to the minute.
 *
 * @example beijingTime('2024-10-23T01:02:00.000Z') // => '2024-10-23 09:02'
 */
export function beijingTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)} — 政府信息公开办理系统（本地）</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/styles.css" />
  </head>
  <body>
    <header class="site-header">
      <div class="wrap wide header-inner">
        <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">公</span>政府信息公开办理系统</a>
        <nav class="site-nav" aria-label="本地系统导航"><a href="/console.html">工作台</a> <a href="/_local/mail">本地邮件</a></nav>
      </div>
    </header>
    <main id="main">
      <div class="wrap wide">
${body}
      </div>
    </main>
  </body>
</html>
`;
}

/** The list of emails, newest first; `clockNow` is the system clock (virtual or real) for the heading. */
export function renderMailPage(emails: readonly LocalEmail[], clockNow: Date): string {
  const rows = [...emails]
    .reverse()
    .map((email, i) => {
      const caseLink = email.caseId
        ? ` · <a href="/console.html#/cases/${encodeURIComponent(email.caseId)}">在工作台打开案件</a>`
        : '';
      const files = email.attachments?.length
        ? `\n            <p class="mail-attachments">附件：${email.attachments
            .map((a) => `${escapeHtml(a.fileName)}（${Math.max(1, Math.round(a.size / 1024))} KB）`)
            .join('、')}</p>`
        : '';
      // The number is set on each item: a <summary> is a list item too and would shift a reversed list's count.
      return `        <li class="mail-item" id="mail-${emails.length - i}" value="${emails.length - i}">
          <details>
            <summary><span class="mail-time">${escapeHtml(beijingTime(email.time))}</span> <strong class="mail-subject">${escapeHtml(email.subject)}</strong><br /><span class="mail-to">收件人：${escapeHtml(email.to.join('、'))}</span></summary>
            <pre class="mail-text">${escapeHtml(email.text)}</pre>${files}
            <p class="hint">邮件编号 ${escapeHtml(email.messageId)}${caseLink}</p>
          </details>
        </li>`;
    })
    .join('\n');
  const body = `        <h1>本地邮件</h1>
        <p class="lead">本地系统不向外发送邮件：发给申请人和工作机构的每封邮件都保存在数据目录的 <code>mail/emails.jsonl</code> 中，并列在这里（最新的在前）。时间为北京时间，按系统时钟（当前 ${escapeHtml(beijingTime(clockNow.toISOString()))}）。</p>
        <p>共 <strong id="mail-count">${emails.length}</strong> 封。</p>
${emails.length ? `        <ol class="mail-list" reversed>\n${rows}\n        </ol>` : '        <p class="notice notice-info" id="mail-empty">还没有发出任何邮件。提交一份申请后，确认邮件会出现在这里。</p>'}`;
  return page('本地邮件', body);
}

/** The sign-in form of the local pages (they need the administrator's token, as the `/_local/` API does). */
export function renderLocalSignIn(returnTo: string, refused: boolean): string {
  const body = `        <h1>本地邮件</h1>
        <p class="lead">本地系统的管理页面需要管理员令牌（<code>gongkai start</code> 启动时显示）。</p>
${refused ? '        <div class="notice notice-error" role="alert"><p>令牌无效，请重新输入。</p></div>\n' : ''}        <form class="form" method="post" action="/_local/sign-in">
          <input type="hidden" name="returnTo" value="${escapeHtml(returnTo)}" />
          <div class="field">
            <label for="local-token">管理员令牌</label>
            <input id="local-token" name="token" type="password" autocomplete="off" required />
          </div>
          <div class="actions"><button class="button primary" type="submit">登录</button></div>
        </form>`;
  return page('登录', body);
}
