// Sign-in on the page itself: a bearer token from POST /api/v1/auth/token, kept for this tab only.
// (The staff console's session login will replace this.)
window.SudiAuth = (function () {
  const KEY = 'sudi.token';
  function token() { return sessionStorage.getItem(KEY); }
  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    opts.headers = Object.assign({ 'Accept': 'application/json', 'Authorization': 'Bearer ' + token() }, opts.headers);
    const r = await fetch(path, opts);
    if (r.status === 401) { sessionStorage.removeItem(KEY); location.reload(); throw new Error('signed out'); }
    return r;
  }
  function require(onReady) {
    const form = document.getElementById('signin');
    if (token()) { form.hidden = true; onReady(); return; }
    form.hidden = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const r = await fetch('/api/v1/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: form.username.value, password: form.password.value,
          totp: form.totp.value || null }) });
      if (!r.ok) { document.getElementById('signin-error').hidden = false; return; }
      sessionStorage.setItem(KEY, (await r.json()).access_token);
      form.hidden = true;
      onReady();
    });
  }
  // Server-sent events over fetch, so the bearer token can travel in a header.
  async function events(path, onEvent) {
    for (;;) {
      try {
        const r = await api(path, { headers: { 'Accept': 'text/event-stream' } });
        const reader = r.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        document.body.dataset.feed = 'connected';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let i;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, i); buffer = buffer.slice(i + 2);
            const data = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5)).join('\n');
            if (data) { try { onEvent(JSON.parse(data)); } catch (err) { console.warn(err); } }
          }
        }
      } catch (err) { console.warn('feed', err); }
      document.body.dataset.feed = 'reconnecting';
      await new Promise(res => setTimeout(res, 3000));
    }
  }
  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }
  return { token, api, require, events, esc };
})();
