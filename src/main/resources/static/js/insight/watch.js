(function () {
  const { api, require, events, esc } = window.SudiAuth;
  const STATUS = { TOWN_REVIEW: '镇街受理', DISTRICT_TRIAGE: '研判分流', IN_PROGRESS: '办理中', PENDING_EVALUATION: '待评价', CLOSED: '已关闭' };
  const TYPE = { LIVELIHOOD: '民生', ENFORCEMENT: '执法', DEVELOPMENT: '发展' };
  let watchedIds = new Set();
  async function loadWatches() {
    const r = await api('/api/v1/watches');
    const list = r.ok ? await r.json() : [];
    document.getElementById('watches').innerHTML = list.map(w => '<li>' + esc(w.kind) + ': ' + esc(w.label) +
      ' <button type="button" data-unwatch="' + w.id + '">取消 unfollow</button></li>').join('');
  }
  async function loadCases() {
    const r = await api('/api/v1/watches/cases');
    const list = r.ok ? await r.json() : [];
    watchedIds = new Set(list.map(c => c.caseId));
    document.getElementById('empty').hidden = list.length > 0;
    document.getElementById('cases').innerHTML = list.map(c => {
      const state = c.overdue ? '<span class="overdue">超期</span>' : c.warning ? '<span class="warning">预警</span>' : '';
      return '<tr data-case-id="' + esc(c.caseId) + '"><td>' + esc(c.trackingNo) + (c.urgency === 'URGENT' ? ' <strong>急</strong>' : '') + '</td><td>' + esc(TYPE[c.caseType] || c.caseType) +
        '</td><td class="status">' + esc(STATUS[c.status] || c.status) + ' ' + state + '</td><td>' + esc(c.town) + ' / ' + esc(c.category) +
        '</td><td>' + esc(c.units) + '</td><td>' + esc(c.lastAction) + ' ' + (c.updatedAt ? esc(new Date(c.updatedAt).toLocaleString('zh-CN', { hour12: false })) : '') +
        '</td><td>' + (c.status === 'CLOSED' ? '' : '<form class="instruct" data-case-id="' + esc(c.caseId) + '"><label>批示内容 <input name="text" required aria-label="批示内容"></label> <button type="submit">提交批示</button> <span class="msg" role="status"></span></form>') + '</td></tr>';
    }).join('');
    document.body.dataset.loaded = 'true';
  }
  document.addEventListener('click', async (e) => {
    const id = e.target.dataset && e.target.dataset.unwatch;
    if (id) { await api('/api/v1/watches/' + id, { method: 'DELETE' }); loadWatches(); loadCases(); }
  });
  document.addEventListener('submit', async (e) => {
    if (!e.target.classList.contains('instruct')) return;
    e.preventDefault();
    const form = e.target;
    const r = await api('/api/v1/cases/' + form.dataset.caseId + '/instruct', { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: form.text.value }) });
    const msg = form.querySelector('.msg');
    if (r.ok) { msg.textContent = '已批示 sent'; form.text.value = ''; setTimeout(loadCases, 500); }
    else { msg.textContent = (await r.json()).detail || '失败'; msg.className = 'err'; }
  });
  document.getElementById('add-watch').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await api('/api/v1/watches', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: document.getElementById('watch-kind').value, target: document.getElementById('watch-target').value }) });
    const err = document.getElementById('watch-error');
    if (!r.ok) { const p = await r.json(); err.textContent = (p.errors && p.errors[0] ? p.errors[0].message : p.detail); return; }
    err.textContent = ''; document.getElementById('watch-target').value = '';
    loadWatches(); loadCases();
  });
  document.getElementById('signout').addEventListener('click', () => { sessionStorage.removeItem('sudi.token'); location.reload(); });
  require(() => {
    document.getElementById('watch').hidden = false;
    loadWatches(); loadCases();
    // Live progress: the leader page listens to the feed too and reloads when a case it shows changes.
    events('/api/v1/screen/feed', item => { clearTimeout(loadCases.t); loadCases.t = setTimeout(loadCases, 500); });
    setInterval(loadCases, 30000);
  });
})();
