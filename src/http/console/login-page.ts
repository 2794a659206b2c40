import { html } from './html.js';
import { BASE, type Flash, flashBox, layout } from './layout.js';

export function loginPage(flash?: Flash): string {
  return layout(
    'Log in',
    null,
    html`<section class="card login">
      <h1>Admin console</h1>
      ${flashBox(flash)}
      <form method="post" action="${BASE}/login">
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required size="40" />
        <p class="muted">
          <code>ADMIN_TOKEN</code> opens every connection; a connection's <code>adminToken</code> opens only
          that connection.
        </p>
        <button type="submit">Log in</button>
      </form>
    </section>`,
  );
}
